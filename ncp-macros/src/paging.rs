//! Which operations page, and how: an operation's `pagination` table, or, for action-style
//! operations, the convention every such list follows (`pageNo` and `pageSize` in the query,
//! `totalRows` in the answer, the items in the answer's one list). Runs after validation, when the
//! response types are known.

use std::ops::Range;

use crate::ir::{Api, Field, Operation, Pagination, Style, Total, Ty};
use crate::model::{RawOperation, RawPagination};

/// The pagination of `op`, or the located mistakes of its `pagination` table.
pub fn resolve(
    api: &Api,
    raw: &RawOperation,
    op: &Operation,
) -> Result<Option<Pagination>, Vec<(Range<usize>, String)>> {
    match &raw.pagination {
        Some(table) => explicit(api, op, table.get_ref()).map(Some),
        None if api.service.style == Style::Action => Ok(action_default(api, op)),
        None => Ok(None),
    }
}

/// `pageNo`/`pageSize` query parameters and exactly one list in the answer.
fn action_default(api: &Api, op: &Operation) -> Option<Pagination> {
    let page = input(op, "pageNo").filter(|f| f.ty == Ty::Integer)?;
    let size = input(op, "pageSize").filter(|f| f.ty == Ty::Integer)?;
    let fields = response_fields(api, op)?;
    let mut lists = fields.iter().filter(|f| matches!(f.ty, Ty::Array(_)));
    let items = lists.next()?;
    if lists.next().is_some() {
        return None;
    }
    Some(Pagination {
        page: (page.rust.clone(), page.required),
        size: (size.rust.clone(), size.required),
        items: items_of(items)?,
        total: Some(Total::ActionRows),
        has_more: None,
        first_page: 1,
    })
}

fn explicit(
    api: &Api,
    op: &Operation,
    table: &RawPagination,
) -> Result<Pagination, Vec<(Range<usize>, String)>> {
    let mut errors = Vec::new();
    let mut request_int = |wire: &toml::Spanned<String>, what: &str| match input(op, wire.get_ref())
    {
        Some(f) if f.ty == Ty::Integer => Some((f.rust.clone(), f.required)),
        Some(_) => {
            errors.push((
                wire.span(),
                format!("the {what} field `{}` must be an integer", wire.get_ref()),
            ));
            None
        }
        None => {
            errors.push((
                wire.span(),
                format!(
                    "the {what} field `{}` is not a query or body field of operation `{}`",
                    wire.get_ref(),
                    op.name
                ),
            ));
            None
        }
    };
    let page = request_int(&table.page, "page");
    let size = request_int(&table.size, "page size");
    let fields = response_fields(api, op);
    let mut answer =
        |wire: &toml::Spanned<String>, what: &str, ok: fn(&Ty) -> bool| {
            let found = fields.and_then(|fs| fs.iter().find(|f| &f.wire == wire.get_ref()));
            match found {
                Some(f) if ok(&f.ty) => Some(f),
                Some(_) => {
                    errors.push((
                        wire.span(),
                        format!("`{}` has the wrong type for the {what}", wire.get_ref()),
                    ));
                    None
                }
                None => {
                    errors.push((wire.span(), format!(
                    "`{}` is not a field of the response of operation `{}` (an object type)",
                    wire.get_ref(), op.name
                )));
                    None
                }
            }
        };
    let items = answer(&table.items, "item list", |t| matches!(t, Ty::Array(_))).and_then(items_of);
    let total = table.total.as_ref().map(|w| {
        answer(w, "total", |t| *t == Ty::Integer).map(|f| Total::Field(f.rust.clone(), f.required))
    });
    let has_more = table.has_more.as_ref().map(|w| {
        answer(w, "more-pages flag", |t| *t == Ty::Boolean).map(|f| (f.rust.clone(), f.required))
    });
    match (page, size, items, total, has_more) {
        (Some(page), Some(size), Some(items), total, has_more) if errors.is_empty() => {
            Ok(Pagination {
                page,
                size,
                items,
                total: total.flatten(),
                has_more: has_more.flatten(),
                first_page: table.first_page.unwrap_or(1),
            })
        }
        _ => Err(errors),
    }
}

/// A query or body field of the operation.
fn input<'a>(op: &'a Operation, wire: &str) -> Option<&'a Field> {
    op.query
        .iter()
        .chain(op.body.iter().flat_map(|(_, fields)| fields))
        .find(|f| f.wire == wire)
}

/// The fields of the operation's response object.
fn response_fields<'a>(api: &'a Api, op: &Operation) -> Option<&'a [Field]> {
    match &op.response {
        Some(Ty::Struct(name)) => api
            .structs
            .iter()
            .find(|s| &s.name == name)
            .map(|s| s.fields.as_slice()),
        _ => None,
    }
}

fn items_of(field: &Field) -> Option<(String, Ty, bool)> {
    match &field.ty {
        Ty::Array(item) => Some((field.rust.clone(), (**item).clone(), field.required)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, Total, Ty};

    fn api(text: &str) -> Result<Api, Vec<String>> {
        let raw = crate::model::parse(text).map_err(|e| vec![e.message.clone()])?;
        crate::validate::validate(&raw).map_err(|es| es.iter().map(|e| e.message.clone()).collect())
    }

    const ACTION: &str = "[service]\nname = \"V\"\nstyle = \"action\"\nhost = \"ncloud\"\nbase_path = \"/v/v2\"\n\
        [operations.getThingList]\nresponse = \"ThingList\"\nquery.pageNo = { type = \"integer\" }\nquery.pageSize = { type = \"integer\" }\n\
        [operations.getThingDetail]\nresponse = \"ThingList\"\nquery.thingNo = { type = \"string\", required = true }\n\
        [types.ThingList]\nfields.thingList = { type = \"[Thing]\" }\n[types.Thing]\nfields.no = { type = \"string\" }\n";

    #[test]
    fn action_lists_page_by_convention() {
        let api = api(ACTION).unwrap();
        let list = api.operations[0]
            .pagination
            .as_ref()
            .expect("getThingList pages");
        assert_eq!(list.page, ("page_no".to_owned(), false));
        assert_eq!(
            list.items,
            ("thing_list".to_owned(), Ty::Struct("Thing".into()), false)
        );
        assert_eq!(list.total, Some(Total::ActionRows));
        assert_eq!(list.first_page, 1);
        assert!(
            api.operations[1].pagination.is_none(),
            "no pageNo, no paging"
        );
    }

    #[test]
    fn an_explicit_table_names_fields_and_its_mistakes_are_located() {
        let rest = "[service]\nname = \"R\"\nhost = \"r\"\nbase_path = \"/r\"\n\
            [operations.list]\nmethod = \"GET\"\npath = \"/things\"\nresponse = \"Page\"\n\
            pagination = { page = \"pageIndex\", size = \"pageSize\", items = \"items\", has_more = \"hasMore\", first_page = 0 }\n\
            query.pageIndex = { type = \"integer\" }\nquery.pageSize = { type = \"integer\", required = true }\n\
            [types.Page]\nfields.items = { type = \"[string]\", required = true }\nfields.hasMore = { type = \"boolean\" }\n";
        let p = api(rest).unwrap().operations[0].pagination.clone().unwrap();
        assert_eq!(p.size, ("page_size".to_owned(), true));
        assert!(p.items.2, "a required item list");
        assert_eq!(p.has_more, Some(("has_more".to_owned(), false)));
        assert_eq!(p.first_page, 0);

        let broken = rest
            .replace("page = \"pageIndex\"", "page = \"pageNumber\"")
            .replace("has_more = \"hasMore\"", "has_more = \"items\"");
        let errors = api(&broken).unwrap_err();
        assert!(
            errors.iter().any(
                |e| e.contains("`pageNumber` is not a query or body field of operation `list`")
            ),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("`items` has the wrong type for the more-pages flag")),
            "{errors:?}"
        );
    }
}
