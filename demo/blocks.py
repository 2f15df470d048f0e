"""The demo content's body blocks as StreamField data."""


def body_value(blocks):
    """StreamField raw data from the content module's `(type, value)` tuples."""
    data = []
    for kind, value in blocks:
        if kind == "heading":
            data.append({"type": "heading", "value": {"text": value, "level": "h2"}})
        elif kind == "paragraph":
            data.append({"type": "paragraph", "value": f"<p>{value}</p>"})
        elif kind == "quote":
            data.append({"type": "quote", "value": {"role": "", "attribution": "", **value}})
        elif kind == "call_to_action":
            link = {"page": None, "url": value["url"]}
            cta = {k: value.get(k, "") for k in ("heading", "text", "button_label")}
            data.append({"type": "call_to_action", "value": {**cta, "link": link}})
        elif kind == "figures_table":
            columns = [
                {"type": "text", "heading": value.get("headings", ["", ""])[0]},
                {"type": "text", "heading": value.get("headings", ["", ""])[1]},
            ]
            rows = [{"values": list(row)} for row in value["rows"]]
            table = {"columns": columns, "rows": rows, "caption": ""}
            data.append({"type": "table", "value": {"caption": value["caption"], "table": table}})
        else:
            raise ValueError(f"Unknown demo block type {kind!r}")
    return data
