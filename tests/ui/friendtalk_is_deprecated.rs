// The spec's `deprecated` marker reaches users: NCP ended FriendTalk on 2026-02-12.
#![deny(deprecated)]

fn main() {
    let runtime = ncp_apis::runtime::Client::builder().build();
    let _ = runtime.map(|r| ncp_apis::sens_friendtalk::FriendTalkClient::new(&r, "svc"));
}
