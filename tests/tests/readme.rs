//! The README's downstream example is `tests/downstream_example.rs`, verbatim, so it compiles
//! and passes with every change.

#[test]
fn the_readme_shows_the_downstream_example_verbatim() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("../README.md")).unwrap();
    let example = std::fs::read_to_string(root.join("tests/downstream_example.rs")).unwrap();
    assert!(
        readme.contains(&format!("```rust\n{example}```")),
        "README.md must contain tests/tests/downstream_example.rs verbatim in a ```rust block"
    );
}

/// The README's products table: one row per product module, with the operation count its spec
/// has, so the table cannot drift from the specs.
#[test]
fn the_readme_products_table_matches_the_specs() {
    use ncp_apis::*;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("../README.md")).unwrap();
    #[allow(deprecated)]
    let products: [(&str, &str, &ncp_apis::runtime::schema::Product); 10] = [
        ("sens-sms", "sens_sms", &sens_sms::SCHEMA),
        (
            "sens-friendtalk",
            "sens_friendtalk",
            &sens_friendtalk::SCHEMA,
        ),
        ("sens-alimtalk", "sens_alimtalk", &sens_alimtalk::SCHEMA),
        ("wsc", "wsc", &wsc::SCHEMA),
        ("vserver", "vserver", &vserver::SCHEMA),
        ("vpc", "vpc", &vpc::SCHEMA),
        ("vloadbalancer", "vloadbalancer", &vloadbalancer::SCHEMA),
        ("vautoscaling", "vautoscaling", &vautoscaling::SCHEMA),
        ("vnas", "vnas", &vnas::SCHEMA),
        ("vnks", "vnks", &vnks::SCHEMA),
    ];
    // Every spec is a product here: a new spec without a README row fails.
    let specs = std::fs::read_dir(root.join("../ncp-apis/spec"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("toml".as_ref()))
        .count();
    assert_eq!(
        specs,
        products.len(),
        "every spec in ncp-apis/spec is listed here"
    );
    let rows: Vec<&str> = readme
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("` / `"))
        .collect();
    assert_eq!(rows.len(), products.len(), "one README row per product");
    for (feature, module, schema) in products {
        let row = rows
            .iter()
            .find(|r| r.contains(&format!("| `{feature}` / `{module}` |")))
            .unwrap_or_else(|| panic!("README has no row for `{feature}`"));
        let count: usize = row
            .trim_end_matches('|')
            .rsplit('|')
            .next()
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert_eq!(count, schema.operations.len(), "operations of `{feature}`");
        let style = if schema.action { "action" } else { "REST" };
        assert!(row.contains(style), "style of `{feature}`");
    }
    let features = std::fs::read_to_string(root.join("../ncp-apis/Cargo.toml")).unwrap();
    for (feature, _, _) in products {
        assert!(
            features.contains(&format!("\n{feature} = [")),
            "`{feature}` is a feature of ncp-apis"
        );
    }
}
