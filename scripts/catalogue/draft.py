"""Draft a spec from a catalogue file, keeping what a curated spec already says.

The draft has every operation, parameter and response member of the catalogue, with the spec
format's types (`code` for CommonCode, `[T]` lists, nested parameter objects as [types]). What the
catalogue does not know is filled in mechanically and marked for curation: English summaries and
field descriptions come from the names (`getServerInstanceList` -> "Get server instance list").

With a curated spec (`--curated`), every operation, field, type and enum the curated spec already
has keeps its curated text, limits, enums and names; the catalogue only adds what is missing. So
re-drafting after NCP adds an operation never loses curation.
"""

import re

from common import (
    ACTION_IMPLICIT_PARAMS,
    cat_shape,
    lower_camel,
    model,
    operation_key,
    request_model,
    response_members,
    rest_params,
    upper_camel,
)

# English product names as NCP's console shows them, by catalogue service.
TITLES = {
    "autoscaling": "Auto Scaling (Classic)",
    "cdn": "CDN+ (Classic)",
    "clouddb": "Cloud DB (Classic)",
    "loadbalancer": "Load Balancer (Classic)",
    "server": "Server (Classic)",
    "sourcebuild": "SourceBuild",
    "sourcecommit": "SourceCommit",
    "sourcepipeline": "SourcePipeline (Classic)",
    "vautoscaling": "Auto Scaling (VPC)",
    "vcdss": "Cloud Data Streaming Service (VPC)",
    "vhadoop": "Cloud Hadoop (VPC)",
    "vloadbalancer": "Load Balancer (VPC)",
    "vmongodb": "Cloud DB for MongoDB (VPC)",
    "vmssql": "Cloud DB for MSSQL (VPC)",
    "vmysql": "Cloud DB for MySQL (VPC)",
    "vnas": "NAS (VPC)",
    "vnks": "Ncloud Kubernetes Service (VPC)",
    "vpc": "VPC",
    "vpostgresql": "Cloud DB for PostgreSQL (VPC)",
    "vredis": "Cloud DB for Redis (VPC)",
    "vserver": "Server (VPC)",
    "vses": "Search Engine Service (VPC)",
    "vses2": "Search Engine Service v2 (VPC)",
    "vsourcedeploy": "SourceDeploy (VPC)",
    "vsourcepipeline": "SourcePipeline (VPC)",
}

# Words written as NCP writes them when a name becomes English.
WORDS = {
    "acg": "ACG", "acl": "ACL", "api": "API", "cidr": "CIDR", "cifs": "CIFS", "cpu": "CPU",
    "db": "DB", "dns": "DNS", "gpu": "GPU", "http": "HTTP", "https": "HTTPS", "id": "ID",
    "ip": "IP", "ips": "IPs", "k8s": "Kubernetes", "kms": "KMS", "lb": "load balancer",
    "nas": "NAS", "nat": "NAT", "nfs": "NFS", "nks": "NKS", "oidc": "OIDC", "os": "OS",
    "ssl": "SSL", "tcp": "TCP", "udp": "UDP", "url": "URL", "uuid": "UUID", "vpc": "VPC",
    "vpn": "VPN", "yn": "(Y/N)", "no": "number", "acgs": "ACGs", "sgn": "SGN", "ssh": "SSH",
}

# Action names whose repetition changes nothing: safe to retry after a lost answer.
REPEATABLE = ("get", "delete", "terminate", "start", "stop", "remove", "detach", "disassociate")

SECRET_WIRE = re.compile(r"password|secret|privatekey", re.I)


def english(name):
    """`getServerInstanceList` -> "Get server instance list"; `vpcNo` -> "VPC number"."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[A-Z]", name)
    # "No" is NCP's "number" only as a last word (`vpcNo`, not `noBlockStorage`).
    out = [WORDS.get(w.lower(), w.lower()) if w.lower() != "no" else "no" for w in words[:-1]]
    out += [WORDS.get(w.lower(), w.lower()) for w in words[-1:]]
    text = " ".join(out)
    return text[:1].upper() + text[1:]


# ---- TOML output ------------------------------------------------------------------------------


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        if "\n" in v:
            return '"""\n' + v.replace("\\", "\\\\").replace('"""', '\\"""') + '"""'
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def field_line(prefix, wire, f):
    key = wire if re.fullmatch(r"[A-Za-z0-9_-]+", wire) else toml_value(wire)
    return f"{prefix}.{key} = {toml_value(f)}"


# ---- drafting ---------------------------------------------------------------------------------


class Draft:
    def __init__(self, cat, curated):
        self.cat = cat
        self.curated = curated or {}
        self.types = {}  # name -> {"description"?, "fields": {wire: field}}
        self.type_sources = {}  # name -> catalogue model name
        self.request_models = set()
        self.queue = []
        self.reserved = {
            upper_camel(operation_key(cat, op)) + "Request" for op in cat["operations"]
        } | {upper_camel(cat["service"]) + "Client"}

    # -- types

    def spec_type(self, ty, request):
        shape = cat_shape(self.cat, ty)
        return self.render(shape, request)

    def render(self, shape, request):
        if isinstance(shape, tuple):
            kind, inner = shape
            if kind == "list":
                return f"[{self.render(inner, request)}]"
            if kind == "map":
                return f"map<{self.render(inner, request)}>"
            return self.want(inner, inner, request)
        return shape

    def follow(self, spec_ty, cat_ty, request):
        """A curated field keeps its type's name; the catalogue still fills that type in."""
        shape = cat_shape(self.cat, cat_ty)
        while isinstance(shape, tuple) and shape[0] in ("list", "map"):
            shape = shape[1]
        base = re.sub(r"^(\[|map<)+|(\]|>)+$", "", spec_ty)
        if isinstance(shape, tuple) and re.fullmatch(r"[A-Z]\w*", base):
            self.want(base, shape[1], request)

    def want(self, name, source, request):
        """Asks for a [types] entry `name` filled from `source`; returns the name used."""
        if name in self.reserved and name not in self.type_sources:
            # The generator names each operation's input `{Op}Request`; a catalogue model of the
            # same name (used nested elsewhere) takes another.
            name = name + "Params"
        if request:
            self.request_models.add(name)
        if name not in self.type_sources:
            self.type_sources[name] = source
            self.queue.append(name)
        return name

    def field(self, wire, cf, request, curated=None):
        if curated is not None:
            self.follow(curated["type"], cf["type"], request)
            return dict(curated)
        f = {"type": self.spec_type(cf["type"], request)}
        if cf.get("required") and request:
            f["required"] = True
        if not request and SECRET_WIRE.search(wire) and f["type"] == "string":
            f["secret"] = True
        f["desc"] = english(wire)
        return f

    def fields(self, cat_fields, request, curated_fields):
        """Curated fields first, in their order (the order of query parameters on the wire and
        of required arguments in `new`), then what the catalogue adds."""
        out = {}
        curated_fields = curated_fields or {}
        for wire, f in curated_fields.items():
            if wire in cat_fields:
                out[wire] = self.field(wire, cat_fields[wire], request, f)
            else:  # a curated addition (an explained deviation)
                out[wire] = dict(f)
        for wire, cf in cat_fields.items():
            if wire not in out:
                out[wire] = self.field(wire, cf, request)
        return out

    def build_types(self):
        curated_types = self.curated.get("types", {})
        while self.queue:
            name = self.queue.pop(0)
            source = self.type_sources[name]
            cf = model(self.cat, source) if isinstance(source, str) else source
            request = name in self.request_models
            ct = curated_types.get(name, {})
            t = {}
            if ct.get("description"):
                t["description"] = ct["description"]
            t["fields"] = self.fields(cf or {}, request, ct.get("fields"))
            self.types[name] = t
        # Curated types the draft did not reach (used only by curated fields) stay as written.
        for name, ct in curated_types.items():
            if name not in self.types and self.referenced(name):
                self.types[name] = ct

    def referenced(self, name):
        text = repr(self.ops) + repr(self.types)
        return re.search(rf"['\[<]{re.escape(name)}['\]>]", text) is not None

    # -- operations

    def curated_ops(self):
        action = self.cat["action"]
        by = {}
        for key, op in self.curated.get("operations", {}).items():
            if action:
                by[op.get("path", "/" + key)] = (key, op)
            else:
                by[(op.get("method"), op.get("path"))] = (key, op)
        return by

    def response_name(self, op, key, members):
        if len(members) == 1:
            (wire, f), = members.items()
            if isinstance(f["type"], dict) and "list" in f["type"]:
                return upper_camel(wire)
        return upper_camel(key) + "Result"

    def operation(self, op, curated):
        cat, action = self.cat, self.cat["action"]
        key = operation_key(cat, op)
        ckey, cop = curated if curated else (key, {})
        out = {}
        out["summary"] = cop.get("summary") or english(key)
        for k in ("description", "deprecated", "deviation"):
            if k in cop:
                out[k] = cop[k]
        if not action:
            out["method"] = op["method"]
            out["path"] = op["path"]
        for k in ("status", "body_format"):
            if k in cop:
                out[k] = cop[k]
        if "idempotent" in cop:
            out["idempotent"] = cop["idempotent"]
        elif action and not key.startswith("get"):
            out["idempotent"] = key.startswith(REPEATABLE)
        members = response_members(cat, op)
        if "response" in cop:
            out["response"] = cop["response"]
            name = cop["response"]
            if members and re.fullmatch(r"\w+", name) and name not in ("json",):
                if action:
                    self.want(name, members, False)
                else:
                    self.want(name, op["response"], False)
        elif members is None:
            # A model the Swagger reduction lost, or a REST read the SDK declares no answer for:
            # the caller still gets the body.
            if op.get("response") or (not action and op["method"] == "GET"):
                out["response"] = "json"
        elif action:
            if members:
                name = self.response_name(op, key, members)
                out["response"] = name
                self.want(name, members, False)
        elif cat["envelope"]:
            if members:  # the envelope's data member, typed
                out["response"] = self.spec_type(members["result"]["type"], False)
        else:
            out["response"] = op["response"]
            self.want(op["response"], op["response"], False)
        if "example" in cop:
            out["example"] = cop["example"]
        if action:
            req = request_model(cat, op)
            cf = {w: f for w, f in (model(cat, req) or {}).items() if w not in ACTION_IMPLICIT_PARAMS}
            out["query"] = self.fields(cf, True, cop.get("query"))
        else:
            path, query, headers, body = rest_params(cat, op)
            out["path_params"] = self.fields(path, True, cop.get("path_params"))
            out["query"] = self.fields(query, True, cop.get("query"))
            out["headers"] = self.fields(headers, True, cop.get("headers"))
            if body:
                bf = model(cat, body)
                if bf is None:
                    out["body"] = cop.get("body", {})
                else:
                    out["body"] = self.fields(bf, True, cop.get("body"))
        return ckey, out

    def run(self):
        curated = self.curated_ops()
        action = self.cat["action"]
        self.ops = {}
        for op in self.cat["operations"]:
            k = op["path"] if action else (op["method"], op["path"])
            key, out = self.operation(op, curated.pop(k, None))
            self.ops[key] = out
        for key, cop in curated.values():  # curated operations the catalogue lacks
            self.ops[key] = cop
        self.build_types()
        return self


def service_table(cat, curated):
    if curated.get("service"):
        return curated["service"]
    svc = cat["service"]
    s = {
        "name": upper_camel(svc),
        "title": TITLES.get(svc, svc),
        "description": f"{TITLES.get(svc, svc)}: every operation of NCP's `{svc}` API.",
    }
    if cat["action"]:
        s["style"] = "action"
    s["host"] = cat["host"]
    if cat["envelope"]:
        s["envelope"] = cat["envelope"]
    if cat["host"] == "ncloud":
        s["site_hosts"] = {"fin": "fin-ncloud"}
    s["base_path"] = cat["base_path"]
    return s


def emit(cat, curated, d, header):
    lines = [header.rstrip(), ""] if header else []
    lines.append("[service]")
    for k, v in service_table(cat, curated).items():
        if isinstance(v, dict) and k in ("site_hosts", "params", "envelope"):
            if k == "envelope":
                lines.append(f"{k} = {toml_value(v)}")
            else:
                for kk, vv in v.items():
                    lines.append(f"{k}.{kk} = {toml_value(vv)}")
        else:
            lines.append(f"{k} = {toml_value(v)}")
    for key, op in d.ops.items():
        lines += ["", f"[operations.{key}]"]
        for k, v in op.items():
            if k in ("query", "path_params", "headers", "body"):
                for wire, f in v.items():
                    lines.append(field_line(k, wire, f))
            else:
                lines.append(f"{k} = {toml_value(v)}")
    for name, t in sorted(d.types.items()):
        lines += ["", f"[types.{name}]"]
        if t.get("description"):
            lines.append(f"description = {toml_value(t['description'])}")
        for wire, f in t.get("fields", {}).items():
            lines.append(field_line("fields", wire, f))
    for name, e in curated.get("enums", {}).items():
        lines += ["", f"[enums.{name}]"]
        for k, v in e.items():
            if k == "values":
                lines.append("values = [")
                lines += [f"  {toml_value(x)}," for x in v]
                lines.append("]")
            else:
                lines.append(f"{k} = {toml_value(v)}")
    return "\n".join(lines) + "\n"


def draft(cat, curated=None, header=""):
    curated = curated or {}
    return emit(cat, curated, Draft(cat, curated).run(), header)


def leading_comments(path):
    """The comment block at the top of a curated spec, kept above the draft."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or (out and not line.strip()):
                out.append(line.rstrip("\n"))
            else:
                break
    return "\n".join(out)


__all__ = ["draft", "leading_comments", "english", "lower_camel"]
