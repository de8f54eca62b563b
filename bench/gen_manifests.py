#!/usr/bin/env python3
"""Writes N generated ProfileManifests manifests (ours: no ProfileManifests
content) into DIR/Manifests/ManagedPreferencesApplications/, laid out as a
checkout, for timing `check` with an app schema folder configured
(docs/performance.md, "App schemas").

    bench/gen_manifests.py DIR [N=300] [KEYS=40]

Each manifest has KEYS keys of the kinds real ones have: strings with
allowed values, integers with ranges, booleans, dictionaries with subkeys,
each with a title and a sentence of description.
"""
import os
import sys


def manifest(index, keys):
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
        '<plist version="1.0">', '<dict>',
        f'\t<key>pfm_domain</key>\n\t<string>com.example.app{index}</string>',
        f'\t<key>pfm_title</key>\n\t<string>App {index}</string>',
        '\t<key>pfm_description</key>\n\t<string>Generated for profilec\'s benchmark</string>',
        '\t<key>pfm_format_version</key>\n\t<integer>1</integer>',
        '\t<key>pfm_platforms</key>\n\t<array>\n\t\t<string>macOS</string>\n\t</array>',
        '\t<key>pfm_subkeys</key>', '\t<array>',
    ]
    for k in range(keys):
        out.append('\t\t<dict>')
        out.append(f'\t\t\t<key>pfm_name</key>\n\t\t\t<string>Setting{k}</string>')
        out.append(f'\t\t\t<key>pfm_title</key>\n\t\t\t<string>Setting {k}</string>')
        out.append(f'\t\t\t<key>pfm_description</key>\n\t\t\t<string>What setting {k} does, in a sentence or '
                   'two, as manifests describe their keys.</string>')
        kind = k % 4
        if kind == 0:
            out.append('\t\t\t<key>pfm_type</key>\n\t\t\t<string>string</string>')
            out.append('\t\t\t<key>pfm_range_list</key>\n\t\t\t<array>\n\t\t\t\t<string>One</string>\n'
                       '\t\t\t\t<string>Two</string>\n\t\t\t</array>')
        elif kind == 1:
            out.append('\t\t\t<key>pfm_type</key>\n\t\t\t<string>integer</string>')
            out.append('\t\t\t<key>pfm_range_min</key>\n\t\t\t<integer>0</integer>\n'
                       '\t\t\t<key>pfm_range_max</key>\n\t\t\t<integer>100</integer>')
        elif kind == 2:
            out.append('\t\t\t<key>pfm_type</key>\n\t\t\t<string>boolean</string>')
        else:
            out.append('\t\t\t<key>pfm_type</key>\n\t\t\t<string>dictionary</string>')
            out.append('\t\t\t<key>pfm_subkeys</key>\n\t\t\t<array>\n\t\t\t\t<dict>\n'
                       '\t\t\t\t\t<key>pfm_name</key>\n\t\t\t\t\t<string>Inner</string>\n'
                       '\t\t\t\t\t<key>pfm_type</key>\n\t\t\t\t\t<string>string</string>\n'
                       '\t\t\t\t</dict>\n\t\t\t</array>')
        out.append('\t\t</dict>')
    out += ['\t</array>', '</dict>', '</plist>', '']
    return '\n'.join(out)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    keys = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    folder = os.path.join(root, 'Manifests', 'ManagedPreferencesApplications')
    os.makedirs(folder, exist_ok=True)
    for i in range(count):
        with open(os.path.join(folder, f'com.example.app{i}.plist'), 'w', encoding='utf-8') as f:
            f.write(manifest(i, keys))


if __name__ == '__main__':
    main()
