# bash completion for profilec. Installed to
# share/bash-completion/completions/profilec; to try it: source this file.

_profilec() {
  local cur prev words cword
  _init_completion || return

  local commands="build check effective explain import init schema sign unsign verify"
  local globals="--format --color -q --quiet --schema-dir --memory-limit --help --version"
  local signing="--sign-cert --sign-key --sign-key-env --sign-chain --sign-p12 --key-password-file --key-password-env --expiry-warning-days"

  case $prev in
    --format) COMPREPLY=($(compgen -W "human json sarif github" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --enrollment) COMPREPLY=($(compgen -W "device user automated" -- "$cur")); return ;;
    --fail-on) COMPREPLY=($(compgen -W "error warning note" -- "$cur")); return ;;
    --exclude) _filedir -d; return ;;
    --platform) COMPREPLY=($(compgen -W "iOS macOS tvOS visionOS watchOS" -- "$cur")); return ;;
    --schema-dir | -o | --output) _filedir -d; return ;;
    --sign-cert | --sign-key | --sign-chain | --sign-p12 | --key-password-file | --encrypt-for | --apns-cert | --ca)
      _filedir; return ;;
    --sign-key-env | --key-password-env) COMPREPLY=($(compgen -v -- "$cur")); return ;;
    --expiry-warning-days | -j | --jobs | --organization | --id-prefix | --memory-limit) return ;;
  esac

  # The command is the first word that is not an option or an option's value.
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --format | --color | --schema-dir | --memory-limit) ((i++)) ;;
      -*) ;;
      *) command=${words[i]}; break ;;
    esac
  done

  local options
  case $command in
    "") COMPREPLY=($(compgen -W "$commands $globals" -- "$cur")); return ;;
    check) options="--platform --supervised --enrollment --shared-ipad --manual-install --apns-cert --expiry-warning-days --exclude --fail-on -j --jobs" ;;
    build) options="-o --output --sign $signing --encrypt-for --apns-cert --exclude --fail-on -j --jobs" ;;
    init) options="--force --organization --id-prefix" ;;
    import) options="-o --output --force --keep-secrets" ;;
    sign) options="-o --output $signing" ;;
    unsign) options="-o --output" ;;
    verify) options="--ca --expiry-warning-days" ;;
    effective) options="--platform --supervised --enrollment --exclude" ;;
    explain)
      if [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -W "$(profilec explain 2>/dev/null | awk '/^PC[0-9]/ {print $1}')" -- "$cur"))
      fi
      return ;;
    schema)
      if [[ ${words[cword - 1]} == schema ]]; then
        COMPREPLY=($(compgen -W "list show" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "--platform --format" -- "$cur"))
      fi
      return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options $globals --help" -- "$cur"))
  elif [[ $command == init ]]; then
    _filedir -d
  else
    _filedir '@(toml|mobileconfig)'
  fi
}
complete -F _profilec profilec
