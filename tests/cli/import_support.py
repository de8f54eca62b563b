"""What the `profilec import` end-to-end tests share: running the binary,
reading .mobileconfig files with python3's plistlib (signed ones unwrapped by
the openssl command, not by profilec), comparing plists with their types, and
finding the original value of each { env = } secret an import wrote.
"""
import datetime
import os
import pathlib
import plistlib
import subprocess
import tomllib

PROFILEC = os.environ["PROFILEC"]


def run(*args, env=None, cwd=None):
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR" and not k.startswith("PROFILEC_")}
    full_env.update(env or {})
    return subprocess.run([PROFILEC, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=120)


def plist_bytes(path, signed):
    """The property-list bytes of a file: a signed one's content via openssl; None when openssl refuses it."""
    data = pathlib.Path(path).read_bytes()
    if not signed:
        return data
    result = subprocess.run(["openssl", "smime", "-verify", "-noverify", "-inform", "DER", "-in", str(path)],
                            capture_output=True, timeout=60)
    return result.stdout if result.returncode == 0 else None


def _parse(data):
    try:
        return plistlib.loads(data)
    except Exception:  # plistlib raises several kinds; any of them means "not readable"
        return None


def load_plist(path, signed=False):
    """plistlib's reading of the file, or None when plistlib (or openssl) cannot read it."""
    data = plist_bytes(path, signed)
    return None if data is None else _parse(data)


def load_plist_without_preamble(path):
    """plistlib's reading of an XML plist that plistlib refuses only for its preamble: blanks before it, or
    no <?xml ...?> declaration (devices, and profilec, read such files). None when that is not enough."""
    data = pathlib.Path(path).read_bytes().lstrip()
    if not data.startswith(b"<?xml"):
        data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + data
    return _parse(data)


def tagged(value):
    """The value with every node tagged by its plist type: Python's True == 1 and 1 == 1.0, plists do not."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("integer", value)
    if isinstance(value, float):
        return ("real", value.hex())
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, bytes):
        return ("data", value)
    if isinstance(value, datetime.datetime):
        return ("date", value.isoformat())
    if isinstance(value, list):
        return ("array", [tagged(v) for v in value])
    if isinstance(value, dict):
        return ("dict", {k: tagged(v) for k, v in value.items()})
    raise TypeError(f"not a plist value: {value!r}")


def first_difference(a, b, path=""):
    """Where two tagged values first differ ('' for the top), or None."""
    if a == b:
        return None
    if a[0] == b[0] == "dict":
        for key in sorted(set(a[1]) | set(b[1])):
            if key not in a[1] or key not in b[1]:
                return f"{path}.{key} ({'added' if key not in a[1] else 'missing'})"
            found = first_difference(a[1][key], b[1][key], f"{path}.{key}")
            if found is not None:
                return found
    if a[0] == b[0] == "array" and len(a[1]) == len(b[1]):
        for i, (x, y) in enumerate(zip(a[1], b[1])):
            found = first_difference(x, y, f"{path}[{i}]")
            if found is not None:
                return found
    return f"{path or 'top'}: {a!r:.200} != {b!r:.200}"


def _collect_env(source, original, out):
    """Walks policy source (tomllib) beside the original plist value it stands for."""
    if isinstance(source, dict):
        if set(source) == {"env"} and isinstance(source["env"], str):
            out[source["env"]] = original
            return
        if not isinstance(original, dict):
            return
        for key, value in source.items():
            if key in original:
                _collect_env(value, original[key], out)
    elif isinstance(source, list) and isinstance(original, list):
        for item, original_item in zip(source, original):
            _collect_env(item, original_item, out)


def secret_values(policy_path, original):
    """{variable: original value} for each { env = } the policy holds, found by walking its payload tables
    alongside the original profile's payloads (payload tables are written in PayloadContent order)."""
    with open(policy_path, "rb") as fh:
        source = tomllib.load(fh)
    payloads = original.get("PayloadContent", [])
    out = {}
    for table, payload in zip(source.get("payload", {}).values(), payloads):
        _collect_env(table, payload, out)
    return out


def importable(original):
    """Why policy source cannot hold this plist (profilec import must refuse it), or None."""
    if not isinstance(original, dict):
        return "not a dictionary"
    identifier = original.get("PayloadIdentifier")
    if not isinstance(identifier, str):
        return "no PayloadIdentifier"
    if identifier.startswith("."):
        return "a PayloadIdentifier that starts with a dot"
    content = original.get("PayloadContent")
    if content is not None and not (isinstance(content, list) and all(isinstance(p, dict) for p in content)):
        return "PayloadContent is not an array of dictionaries"
    if "EncryptedPayloadContent" in original:
        return "encrypted payloads"
    return None
