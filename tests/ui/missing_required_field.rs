// A request that lacks a field the spec marks required does not compile: required fields are the
// constructor's arguments, and the struct cannot be built with a literal.
#![allow(deprecated)]

use ncp_apis::sens_friendtalk::{Message, SendMessagesRequest};

fn main() {
    let _no_messages = SendMessagesRequest::new("@sample");
    let _literal = Message {
        to: "01012345678".to_owned(),
        content: "hello".to_owned(),
    };
}
