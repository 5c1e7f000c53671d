"""What the drafting tool and the check share: reading NCP's catalogue and our specs, and the
mapping between the catalogue's types and the spec format's."""

import json
import re
import tomllib

# Members of every action-style answer; ncp_runtime::ActionResponse carries them, so spec types
# leave them out.
ACTION_COMMON = {"requestId", "returnCode", "returnMessage", "totalRows"}

# The client adds this parameter to every action-style request itself.
ACTION_IMPLICIT_PARAMS = {"responseFormatType"}


def load_catalogue(path):
    with open(path, encoding="utf-8") as fh:
        cat = json.load(fh)
    m = re.match(r"^https://([^.]+)\.[^/]+(/.*)$", cat["base_url"])
    cat["host"], cat["base_path"] = m.group(1), m.group(2)
    # Action-style services take one form-encoded request model; REST ones path, query and body.
    cat["action"] = any(
        op.get("content_type") == "application/x-www-form-urlencoded" for op in cat["operations"]
    )
    cat["envelope"] = None if cat["action"] else envelope(cat)
    return cat


# The envelope some REST products wrap every answer in (Cloud Data Streaming Service, Search
# Engine Service): {"code": 0, "message": "...", "requestId": "...", "result": ...}.
ENVELOPE = {"code": "code", "success": "0", "message": "message", "data": "result"}


def envelope(cat):
    responses = [model(cat, op.get("response")) for op in cat["operations"] if op.get("response")]
    wrapped = [r for r in responses if r is not None]
    if wrapped and all({"code", "message", "result"} <= set(r) for r in wrapped):
        return ENVELOPE
    return None


def load_spec(path):
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def model(cat, name):
    """A catalogue model's fields by wire name, or None when the catalogue has no such model (the
    Go SDK declares a few as plain slices or maps, which the Swagger reduction lost)."""
    m = cat["models"].get(name) if isinstance(name, str) else None
    return None if m is None else {f["wire"]: f for f in m["fields"]}


SCALARS = {
    "string": "string",
    "integer": "integer",
    "int32": "integer",
    "int64": "integer",
    "number": "number",
    "float": "number",
    "double": "number",
    "boolean": "boolean",
    "bool": "boolean",
    # The Go SDK's optional parameters of REST operations.
    "optional.String": "string",
    "optional.Int32": "integer",
    "optional.Int64": "integer",
    "optional.Float32": "number",
    "optional.Float64": "number",
    "optional.Bool": "boolean",
    "json": "json",
    "file": "file",
    "CommonCode": "code",
}


def lower_camel(name):
    return name[:1].lower() + name[1:]


def upper_camel(name):
    return name[:1].upper() + name[1:]


def operation_key(cat, op):
    """The spec's operation key: the action name for action style (`getServerInstanceList`); for
    REST, the path's last literal segment when it names an action (`/cluster/createCluster` ->
    `createCluster`) and no other operation has it, else the SDK's method name in lowerCamelCase
    (`clustersUuidGet`, to be renamed while curating)."""
    if cat["action"]:
        return op["path"].lstrip("/")
    action = rest_action(op)
    if action and sum(rest_action(o) == action for o in cat["operations"]) == 1:
        return action
    return lower_camel(op["name"])


def rest_action(op):
    literals = [s for s in op["path"].split("/") if s and not s.startswith("{")]
    last = literals[-1] if literals else ""
    return last if re.fullmatch(r"[a-z]+[A-Z][A-Za-z0-9]*", last) else None


def request_model(cat, op):
    """The action-style request model of an operation (its single parameter)."""
    for p in op.get("params", []):
        if isinstance(p["type"], str) and p["type"] in cat["models"]:
            return p["type"]
    return None


# Header parameters the Go SDK names as identifiers (`xNcpRegionNo`, `xNCPREGIONNO`), by the
# identifier in lower case: the header NCP documents.
HEADERS = {"xncpregionno": "x-ncp-region_no", "xncpregioncode": "x-ncp-region_code"}


def rest_params(cat, op):
    """A REST operation's path, query, header and body parameters: (path, query, headers, body
    model name). The SDK passes a JSON body as a parameter named `body` or named after its model."""
    names = re.findall(r"\{([\w-]+)\}", op["path"])
    path = {n: {"wire": n, "type": "string", "required": True} for n in names}
    # The SDK names `{service-group-no}` serviceGroupNo.
    by_plain = {re.sub(r"[-_]", "", n).lower(): n for n in names}
    query, headers, body = {}, {}, None
    for p in op.get("params", []):
        plain = re.sub(r"[-_]", "", p["name"]).lower()
        if p["name"] == "body" or (isinstance(p["type"], str) and p["type"] in cat["models"]):
            body = p["type"]
        elif plain in by_plain:
            n = by_plain[plain]
            path[n] = {"wire": n, "type": p["type"], "required": True}
        elif p["name"].lower() in HEADERS:
            wire = HEADERS[p["name"].lower()]
            headers[wire] = {"wire": wire, "type": p["type"], "required": p["required"]}
        else:
            query[p["name"]] = {"wire": p["name"], "type": p["type"], "required": p["required"]}
    return path, query, headers, body


def response_members(cat, op):
    """The members of an operation's answer that spec types describe (the common action members
    left out), or None when the answer has no body the SDK decodes."""
    fields = model(cat, op.get("response"))
    if fields is None:
        return None
    if cat.get("envelope"):
        return {"result": fields["result"]} if "result" in fields else {}
    if cat["action"]:
        fields = {w: f for w, f in fields.items() if w not in ACTION_COMMON}
    return fields


# ---- spec side ------------------------------------------------------------------------------

_LIST = re.compile(r"^\[(.+)\]$")
_MAP = re.compile(r"^map<(.+)>$")
_CODE = re.compile(r"^code(<.+>)?$")


def spec_shape(spec, ty):
    """A spec type reduced to what the catalogue can say about it: a scalar name, ('list', T),
    ('map', T), ('model', type name) or 'code'. Enums are the scalar they are sent as."""
    if m := _LIST.match(ty):
        return ("list", spec_shape(spec, m.group(1)))
    if m := _MAP.match(ty):
        return ("map", spec_shape(spec, m.group(1)))
    if _CODE.match(ty):
        return "code"
    if ty in spec.get("enums", {}):
        return spec["enums"][ty].get("type", "string")
    if ty in spec.get("types", {}):
        return ("model", ty)
    return ty


def cat_shape(cat, ty):
    if isinstance(ty, dict):
        if "list" in ty:
            return ("list", cat_shape(cat, ty["list"]))
        if "map" in ty:
            return ("map", cat_shape(cat, ty["map"]))
    if ty in SCALARS:
        return SCALARS[ty]
    if ty in cat["models"]:
        return ("model", ty)
    return "json"  # a model the Swagger reduction lost
