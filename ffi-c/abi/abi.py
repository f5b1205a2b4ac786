#!/usr/bin/env python3
"""The C ABI of libwsclose as a plain-text baseline, and the check against it (docs/c-abi.md).

    abi.py describe HEADER LIBRARY [WASM]         print the ABI of HEADER + LIBRARY
    abi.py check BASELINE HEADER LIBRARY [WASM]   fail unless the ABI equals BASELINE
    abi.py update BASELINE HEADER LIBRARY [WASM]  rewrite BASELINE (a deliberate ABI change)
    abi.py wasm-exports HEADER WASM               fail unless WASM exports exactly the header's functions

The description holds, one fact a line, sorted: the soname; every exported function with its
C signature (parameter types in order and the return type, normalised from the header: names of
parameters and spacing do not count); every WSCLOSE_* #define (but the version macros) and every
enumerator with its value, and the size of each enum's C type; each struct's size, alignment
and fields (order, type, name, offset). Values, sizes and offsets come from compiling a small C99
program against the header, so they are what a C compiler sees. The exported symbols of the
library (nm -D --defined-only) must be exactly the header's functions.

Both data models are recorded: the struct lines above are LP64 (what the host C compiler
says), and `wasm32 struct ...` lines give the same structs for wasm32 (size_t and pointers 4
bytes, 64-bit integers 8-aligned), the layout the WebAssembly build exposes. There is no wasm32
C compiler on every machine, so the wasm32 lines come from the C layout rules applied here; the
same rules must reproduce the compiler's LP64 lines exactly, or the check fails. When WASM (a
built wsclose.wasm) is given, its exported functions must be exactly the header's functions.

`check` fails on any difference: a function, value or struct that is gone or changed (an
incompatible change: the soname's major number must go up) and also one that is new (additions
keep the soname, but must be recorded on purpose with `make ffi-abi-update`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

IGNORED_DEFINES = re.compile(r"^WSCLOSE_(H|HPP|VERSION(_MAJOR|_MINOR|_PATCH)?)$")


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def normalise_type(param: str) -> str:
    """`const uint8_t *payload` -> `const uint8_t *`; `void` stays `void`."""
    param = " ".join(param.split())
    if param == "void":
        return param
    match = re.fullmatch(r"(.*?[\s*])([A-Za-z_]\w*)(\[[^\]]*\])?", param)
    if match is None:
        raise SystemExit(f"abi: cannot read the parameter {param!r}")
    kind = match.group(1).replace("*", " * ")
    kind = re.sub(r"\s+\*", "*", " ".join(kind.split())).replace("*", " *").replace("* *", "**").strip()
    return kind + (match.group(3) or "")  # an array field keeps its bound: `uint16_t[N]`


def read_header(path: str) -> tuple[dict[str, str], list[str], dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    with open(path, encoding="utf-8") as file:
        text = strip_comments(file.read())
    functions: dict[str, str] = {}
    for match in re.finditer(r"(?m)^([A-Za-z_][\w\s*]*?)\b(wsclose_\w+)\s*\(([^)]*)\)\s*;", text):
        ret = normalise_type(match.group(1).strip() + " x").strip()
        params = [normalise_type(p) for p in match.group(3).split(",")]
        functions[match.group(2)] = f"({', '.join(params)}) -> {ret}"
    defines = sorted(
        name
        for name in re.findall(r"(?m)^\s*#\s*define\s+(WSCLOSE_\w+)\s+\S", text)
        if not IGNORED_DEFINES.match(name)
    )
    enums = {
        name: re.findall(r"(WSCLOSE_\w+)\s*=", body)
        for name, body in re.findall(r"enum\s+(wsclose_\w+)[^{;]*\{([^}]*)\}", text)
    }
    structs: dict[str, list[tuple[str, str]]] = {}
    for name, body in re.findall(r"typedef\s+struct\s+(wsclose_\w+)\s*\{([^}]*)\}", text):
        fields = []
        for decl in body.split(";"):
            decl = " ".join(decl.split())
            if decl:
                # A field may be an array: `uint16_t codes[WSCLOSE_POLICY_MAX_OVERRIDES]`.
                field = re.fullmatch(r"(.*?[\s*])([A-Za-z_]\w*)(\[[^\]]*\])?", decl)
                if field is None:
                    raise SystemExit(f"abi: cannot read the field {decl!r} of {name}")
                fields.append((normalise_type(decl), field.group(2)))
        structs[name] = fields
    if not functions or not enums or not structs:
        raise SystemExit(f"abi: found no functions, enums or structs in {path}")
    return functions, defines, enums, structs


def compiled_facts(header: str, defines: list[str], enums: dict[str, list[str]],
                   structs: dict[str, list[tuple[str, str]]]) -> list[str]:
    """Values, sizes and offsets as a C99 compiler sees them."""
    lines = ["#include <stdalign.h>", "#include <stddef.h>", "#include <stdio.h>",
             f'#include "{os.path.abspath(header)}"', "int main(void) {"]
    for name in defines:
        lines.append(f'  printf("define {name} %lld\\n", (long long)({name}));')
    for enum, names in enums.items():
        lines.append(f'  printf("type {enum} size %zu\\n", sizeof({enum}));')
        for name in names:
            lines.append(f'  printf("enum {enum} {name} %lld\\n", (long long){name});')
    for struct, fields in structs.items():
        lines.append(f'  printf("struct {struct} size %zu align %zu\\n", sizeof(struct {struct}), '
                     f"alignof(struct {struct}));")
        for i, (kind, name) in enumerate(fields):
            lines.append(f'  printf("struct {struct} field {i} {kind} {name} offset %zu\\n", '
                         f"offsetof(struct {struct}, {name}));")
    lines += ["  return 0;", "}"]
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "abi.c")
        program = os.path.join(tmp, "abi")
        with open(source, "w", encoding="utf-8") as file:
            file.write("\n".join(lines) + "\n")
        cc = os.environ.get("CC", "gcc")
        subprocess.run([cc, "-std=c11", "-Wall", "-Werror", source, "-o", program], check=True)
        return subprocess.run([program], check=True, capture_output=True, text=True).stdout.splitlines()


SCALARS = {"uint8_t": 1, "int8_t": 1, "uint16_t": 2, "int16_t": 2, "uint32_t": 4, "int32_t": 4,
           "uint64_t": 8, "int64_t": 8}


def computed_facts(text: str, structs: dict[str, list[tuple[str, str]]], pointer: int,
                   prefix: str) -> list[str]:
    """Struct layouts by the C rules for a model whose size_t and pointers take `pointer` bytes."""
    typedefs = {name: base for base, name in re.findall(r"typedef\s+(u?int\d+_t)\s+(wsclose_\w+)\s*;", strip_comments(text))}
    defines = {name: int(value) for name, value in
               re.findall(r"(?m)^\s*#\s*define\s+(WSCLOSE_\w+)\s+(-?\d+)\s*$", strip_comments(text))}
    facts = []
    for struct, fields in structs.items():
        offset, align, lines = 0, 1, []
        for i, (kind, name) in enumerate(fields):
            array = re.fullmatch(r"(.*)\[(\w+)\]", kind)
            base, count = (array.group(1), array.group(2)) if array else (kind, "1")
            count_value = int(count) if count.isdigit() else defines[count]
            base = typedefs.get(base.replace("const ", ""), base.replace("const ", ""))
            size = pointer if base.endswith("*") or base == "size_t" else SCALARS.get(base)
            if size is None:
                raise SystemExit(f"abi: no layout rule for the field type {kind!r} of {struct}")
            offset = -(-offset // size) * size
            lines.append(f"{prefix}struct {struct} field {i} {kind} {name} offset {offset}")
            offset += size * count_value
            align = max(align, size)
        facts.append(f"{prefix}struct {struct} size {-(-offset // align) * align} align {align}")
        facts += lines
    return facts


def wasm_exports(path: str) -> set[str]:
    """The names of the functions a WebAssembly module exports (its export section)."""
    with open(path, "rb") as file:
        data = file.read()
    if data[:4] != b"\0asm":
        raise SystemExit(f"abi: {path} is not a WebAssembly module")

    def leb(pos: int) -> tuple[int, int]:
        value = shift = 0
        while True:
            byte = data[pos]
            value |= (byte & 0x7F) << shift
            pos, shift = pos + 1, shift + 7
            if byte < 0x80:
                return value, pos

    pos, names = 8, set()
    while pos < len(data):
        section, pos = data[pos], pos + 1
        size, pos = leb(pos)
        if section == 7:
            count, at = leb(pos)
            for _ in range(count):
                length, at = leb(at)
                name = data[at:at + length].decode()
                kind = data[at + length]
                _, at = leb(at + length + 1)
                if kind == 0:
                    names.add(name)
        pos += size
    return names


def library_facts(library: str, functions: dict[str, str]) -> list[str]:
    nm = subprocess.run(["nm", "-D", "--defined-only", library], check=True, capture_output=True, text=True)
    exported = {line.split()[-1] for line in nm.stdout.splitlines() if line.strip()}
    declared = set(functions)
    if exported != declared:
        raise SystemExit(
            "abi: the library's exports and the header's prototypes differ:\n"
            f"  exported, not declared: {sorted(exported - declared)}\n"
            f"  declared, not exported: {sorted(declared - exported)}")
    dynamic = subprocess.run(["readelf", "-d", library], check=True, capture_output=True, text=True).stdout
    soname = re.search(r"Library soname: \[([^\]]+)\]", dynamic)
    if soname is None:
        raise SystemExit(f"abi: {library} has no soname")
    return [f"soname {soname.group(1)}"]


def describe(header: str, library: str, wasm: str | None = None) -> list[str]:
    functions, defines, enums, structs = read_header(header)
    facts = library_facts(library, functions)
    facts += [f"function {name}{signature}" for name, signature in functions.items()]
    compiled = compiled_facts(header, defines, enums, structs)
    with open(header, encoding="utf-8") as file:
        text = file.read()
    rules = computed_facts(text, structs, 8, "")
    if sorted(rules) != sorted(fact for fact in compiled if fact.startswith("struct ")):
        raise SystemExit("abi: the layout rules disagree with the C compiler on LP64:\n  " + "\n  ".join(
            sorted(set(rules) ^ {fact for fact in compiled if fact.startswith("struct ")})))
    facts += compiled
    facts += computed_facts(text, structs, 4, "wasm32 ")
    if wasm is not None:
        check_wasm_exports(wasm, set(functions))
    return sorted(facts)


def check_wasm_exports(wasm: str, functions: set[str]) -> None:
    exported = wasm_exports(wasm)
    if exported != functions:
        raise SystemExit(
            f"abi: the functions {wasm} exports and the header's prototypes differ:\n"
            f"  exported, not declared: {sorted(exported - functions)}\n"
            f"  declared, not exported: {sorted(functions - exported)}\n"
            "After an ABI change, refresh the module with `make go-wasm-update` and commit it.")


def key(fact: str) -> str:
    """What a fact is about: the same key with another value is a change."""
    if fact.startswith("function "):
        return fact.split("(", 1)[0]
    words = fact.split()
    if words[0] == "wasm32":
        return "wasm32 " + key(fact[len("wasm32 "):])
    if words[0] == "struct" and words[2] == "field":
        return " ".join(words[:4])
    if words[0] in ("define", "type", "enum") or words[0] == "struct":
        return " ".join(words[: 3 if words[0] == "enum" else 2])
    return words[0]


HEAD = ("# The C ABI of libwsclose, generated by ffi-c/abi/abi.py from include/wsclose.h and\n"
        "# libwsclose.so; `make ffi-abi-check` compares the build with it. Do not edit: change it\n"
        "# with `make ffi-abi-update`, and only as docs/c-abi.md (ABI stability) allows.\n")


def read_baseline(path: str) -> list[str]:
    with open(path, encoding="utf-8") as file:
        return [line.rstrip("\n") for line in file if line.strip() and not line.startswith("#")]


def check(baseline_path: str, header: str, library: str, wasm: str | None) -> int:
    baseline = read_baseline(baseline_path)
    current = describe(header, library, wasm)
    old = {key(fact): fact for fact in baseline}
    new = {key(fact): fact for fact in current}
    problems = []
    for k in sorted(old.keys() | new.keys()):
        if k not in new:
            problems.append(f"  removed (incompatible): {old[k]}")
        elif k not in old:
            problems.append(f"  added, not in the baseline: {new[k]}")
        elif old[k] != new[k]:
            problems.append(f"  changed (incompatible): {old[k]}\n                      now: {new[k]}")
    if problems:
        print(f"abi: the C ABI differs from {baseline_path}:", file=sys.stderr)
        print("\n".join(problems), file=sys.stderr)
        print("A removed or changed fact breaks programs built against the old header: bump the\n"
              "soname's major number (docs/c-abi.md). An addition keeps the soname. Either way,\n"
              "record the new ABI on purpose with `make ffi-abi-update` and commit it.", file=sys.stderr)
        return 1
    functions = sum(fact.startswith("function ") for fact in current)
    layouts = sum(fact.startswith("wasm32 struct ") for fact in current)
    module = f"; {wasm} exports exactly them" if wasm else ""
    print(f"abi: {len(current)} facts ({functions} functions, all exported and declared{module}; "
          f"{layouts} wasm32 layout facts) match {baseline_path}")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) in (3, 4) and argv[0] == "describe":
        print("\n".join(describe(argv[1], argv[2], argv[3] if len(argv) == 4 else None)))
        return 0
    if len(argv) in (4, 5) and argv[0] == "check":
        return check(argv[1], argv[2], argv[3], argv[4] if len(argv) == 5 else None)
    if len(argv) in (4, 5) and argv[0] == "update":
        with open(argv[1], "w", encoding="utf-8") as file:
            file.write(HEAD + "\n".join(describe(argv[2], argv[3], argv[4] if len(argv) == 5 else None)) + "\n")
        print(f"abi: wrote {argv[1]}")
        return 0
    if len(argv) == 3 and argv[0] == "wasm-exports":
        functions = read_header(argv[1])[0]
        check_wasm_exports(argv[2], set(functions))
        print(f"abi: {argv[2]} exports exactly the {len(functions)} functions of {argv[1]}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
