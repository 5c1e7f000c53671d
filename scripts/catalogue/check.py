"""Check the specs against NCP's catalogue: operations, wire names, types and required flags.

A difference is explained, and not counted, when the spec writes down why: `deviation = "..."` on
the field, or on the operation for all of its differences (the reference page's reason). An
operation whose `deviation` names a catalogue operation in backticks stands for it: the catalogue
has a few entries whose method or path the reference page contradicts (vses2
`ChangeSpecNodeUsingPOST1` repeats restartCluster's path). Likewise a field whose `deviation` names
a catalogue member in backticks stands for it (the Go SDK spells some vnas members `ratingTime;`). Response members are compared by name and
type only: the SDK decodes every response member as optional, because NCP leaves empty members out
whatever the catalogue's flags say.
"""

import glob
import os
import re

from common import (
    ACTION_IMPLICIT_PARAMS,
    cat_shape,
    load_catalogue,
    load_spec,
    model,
    request_model,
    response_members,
    rest_params,
    spec_shape,
)


class Comparison:
    def __init__(self, spec, cat):
        self.spec, self.cat = spec, cat
        self.diffs, self.explained = [], []

    def note(self, where, what, deviation):
        (self.explained if deviation else self.diffs).append(f"{where}: {what}")

    def same_type(self, sshape, cshape, where, seen, request=False):
        """Compares two shapes; nested models are compared field by field (with their required
        flags when they are request parameters)."""
        if cshape == "json":
            return True  # the catalogue lost this model: nothing to compare against
        if isinstance(sshape, tuple) and isinstance(cshape, tuple):
            if sshape[0] != cshape[0]:
                return False
            if sshape[0] == "model":
                self.members(sshape[1], model(self.cat, cshape[1]) or {}, where, seen, request)
                return True
            return self.same_type(sshape[1], cshape[1], where, seen, request)
        return sshape == cshape

    def fields(self, sfields, cfields, where, seen, request, explained=False):
        # A spec field whose deviation names a catalogue member in backticks stands for it (the
        # catalogue's `ratingTime;` is the reference's ratingTime): compared, and explained.
        stands_for = {}
        for wire, sf in sfields.items():
            for name in re.findall(r"`([^`]+)`", sf.get("deviation", "")):
                if name in cfields and name not in sfields:
                    stands_for[name] = wire
        for wire, cf in cfields.items():
            alias = stands_for.get(wire)
            if wire not in sfields and alias is None:
                self.note(where, f"{wire} missing", explained)
                continue
            sf = sfields[alias or wire]
            dev = explained or "deviation" in sf
            if alias:
                self.note(where, f"{wire} is {alias}", True)
            sshape = spec_shape(self.spec, sf["type"])
            cshape = cat_shape(self.cat, cf["type"])
            if not self.same_type(sshape, cshape, f"{where}.{wire}", seen, request):
                self.note(where, f"{wire} type {sf['type']}, catalogue {cf['type']}", dev)
            if request and bool(sf.get("required")) != bool(cf.get("required")):
                self.note(where, f"{wire} required={bool(sf.get('required'))}, catalogue {cf['required']}", dev)
        aliases = set(stands_for.values())
        for wire, sf in sfields.items():
            if wire not in cfields and wire not in aliases:
                self.note(where, f"{wire} not in the catalogue", explained or "deviation" in sf)

    def members(self, type_name, cfields, where, seen, request, explained=False):
        if (type_name, id(cfields)) in seen:
            return
        seen.add((type_name, id(cfields)))
        t = self.spec.get("types", {}).get(type_name)
        if t is None:
            self.note(where, f"type {type_name} is not defined", False)
            return
        self.fields(t.get("fields", {}), cfields, f"{where} ({type_name})", seen, request, explained)

    def operation(self, key, sop, cop):
        dev_op = "deviation" in sop
        if self.cat["action"]:
            req = request_model(self.cat, cop)
            cf = {w: f for w, f in (model(self.cat, req) or {}).items() if w not in ACTION_IMPLICIT_PARAMS}
            self.fields(sop.get("query", {}), cf, f"{key} query", set(), True, dev_op)
        else:
            path, query, headers, body = rest_params(self.cat, cop)
            self.fields(sop.get("path_params", {}), path, f"{key} path", set(), True, dev_op)
            self.fields(sop.get("query", {}), query, f"{key} query", set(), True, dev_op)
            self.fields(sop.get("headers", {}), headers, f"{key} headers", set(), True, dev_op)
            bf = model(self.cat, body) if body else {}
            if bf is not None:
                self.fields(sop.get("body", {}), bf, f"{key} body", set(), True, dev_op)
        members = response_members(self.cat, cop)
        resp = sop.get("response")
        if members is None:
            return
        if not members:
            if resp:
                self.note(key, f"response {resp}, catalogue has no members", dev_op)
            return
        if not resp:
            self.note(key, "response missing", dev_op)
            return
        shape = spec_shape(self.spec, resp)
        if shape == "json":
            return
        if self.cat.get("envelope"):  # the spec's response is the envelope's data member
            cshape = cat_shape(self.cat, members["result"]["type"])
            if not self.same_type(shape, cshape, key, set()):
                self.note(key, f"response {resp}, catalogue {members['result']['type']}", dev_op)
            return
        if not (isinstance(shape, tuple) and shape[0] == "model"):
            self.note(key, f"response {resp} is not an object", dev_op)
            return
        # An operation's deviation explains how its answer differs (a member's name, say).
        self.members(shape[1], members, f"{key} response", set(), False, dev_op)

    def run(self):
        action = self.cat["action"]
        by = {}
        for key, op in self.spec.get("operations", {}).items():
            k = op.get("path", "/" + key) if action else (op.get("method"), op.get("path"))
            by[k] = (key, op)
        covered = 0
        named = {}
        for key, op in self.spec.get("operations", {}).items():
            for name in re.findall(r"`(\w+)`", op.get("deviation", "")):
                named[name] = (key, op)
        for cop in self.cat["operations"]:
            k = cop["path"] if action else (cop["method"], cop["path"])
            if cop["name"] in named:
                key, sop = named[cop["name"]]
                by = {kk: v for kk, v in by.items() if v[0] != key}
                covered += 1
                self.note(key, f"stands for the catalogue's {cop['name']}", True)
                self.operation(key, sop, cop)
                continue
            if k not in by:
                self.note(cop["name"], f"operation missing ({cop['method']} {cop['path']})", False)
                continue
            covered += 1
            key, sop = by.pop(k)
            self.operation(key, sop, cop)
        for key, sop in by.values():
            self.note(key, "operation not in the catalogue", "deviation" in sop)
        return covered


def check(catdir, spec_dir, detail):
    cats = {}
    for p in glob.glob(os.path.join(catdir, "*.json")):
        c = load_catalogue(p)
        cats[(c["host"], c["base_path"])] = c
    ok, total_ops, total_covered = True, 0, 0
    for path in sorted(glob.glob(os.path.join(spec_dir, "*.toml"))):
        spec = load_spec(path)
        svc = spec.get("service", {})
        cat = cats.get((svc.get("host"), svc.get("base_path")))
        name = os.path.basename(path)
        if cat is None:
            print(f"{name}: not in the catalogue")
            continue
        c = Comparison(spec, cat)
        covered = c.run()
        n = len(cat["operations"])
        total_ops += n
        total_covered += covered
        ok &= not c.diffs
        print(f"{name} vs {cat['service']}: {covered}/{n} operations, {len(c.diffs)} differences, {len(c.explained)} explained")
        if detail:
            for d in c.diffs:
                print("   " + d)
            for d in c.explained:
                print("   explained: " + d)
    all_ops = sum(len(c["operations"]) for c in cats.values())
    print(f"TOTAL: {total_covered}/{all_ops} catalogue operations in specs; {'no' if ok else 'some'} unexplained differences")
    return ok
