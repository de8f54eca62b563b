# usage: zsh -f zsh_complete.zsh FOLDER LINE
# Completes LINE (with a Tab typed at its end) in an interactive zsh on a
# pseudo-terminal, with FOLDER on $fpath and compinit's dump kept there (the
# first run writes it, the next ones start faster), and prints each match
# compsys offers, one a line. compadd is wrapped to print what it adds; the
# markers are built from two strings so the terminal's echo of these lines
# never contains them. (tests/cli/test_completions.py)
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''; fpath=(${(q)1} \$fpath); autoload -Uz compinit; compinit -u -d ${(q)1}/zcompdump"
zpty -w z 'bindkey "^I" complete-word; zstyle ":completion:*" list-grouped false; zstyle ":completion:*" insert-tab false'
zpty -w z '_profilec_mark() { print -r -- "@@""MARK@@" }; compprefuncs=(_profilec_mark); comppostfuncs=(_profilec_mark exit)'
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a __hits; builtin compadd -A __hits "$@"; local h; for h in $__hits; do print -r -- "@@""HIT@@$h"; done; builtin compadd "$@"; }'
zpty -w z "$2"$'\t'
integer marks=0
local line
while zpty -r z line; do
  [[ $line == *@@MARK@@* ]] && { (( marks++ )); (( marks == 2 )) && break; continue; }
  [[ $line == *@@HIT@@* ]] && print -r -- "${${line#*@@HIT@@}%$'\r'}"
done
