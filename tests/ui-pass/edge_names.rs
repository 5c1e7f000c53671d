#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-pass/specs/edge_names.toml")]
pub mod edge {}

#[ncp_macros::ncp_api(spec = "$NCP_TESTS_DIR/ui-pass/specs/empty.toml")]
pub mod empty {}

use edge::*;

fn main() {
    let thing = Thing::new("t").r#ref("r").self_("s").r#match(Kind::Type).r#async(true);
    assert_eq!(thing.r#type, "t");
    assert_eq!(Kind::from("self-made"), Kind::SelfMade);
    let _ = PutThingRequest::new("m")._3rd_party(3).deep(vec![vec![vec![Leaf::new(1.5)]]]);
    let _ = GetThing2Request::new("kind").r#ref("x").r#async(false).x_ncp_region_code("KR");
    let runtime = ncp_runtime::Client::builder()
        .credentials(ncp_runtime::Credentials::new("ak", "sk").unwrap())
        .build()
        .unwrap();
    let client = EdgeClient::new(&runtime, "me");
    assert_eq!(client.self_(), "me");
    let _ = empty::EmptyClient::new(&runtime);
}
