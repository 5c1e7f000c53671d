pub mod example {
    /*!# Example API v1

What the product does.

Generated from `tests/snapshot/example.toml`.

## Operations

- [`ExampleClient::send_notes`] — Send notes (`POST /example/v1/services/{serviceId}/notes`)
- [`ExampleClient::get_note`] (`GET /example/v1/services/{serviceId}/notes/{noteId}`)*/
    const _: &str = include_str!("$CARGO_MANIFEST_DIR/tests/snapshot/example.toml");
    /**Client of Example API v1.

What the product does.

Requests go to `https://example.apigw.ntruss.com/example/v1/services/{serviceId}` on the public site (see [`ncp_runtime::Site`] for gov and fin). Cloning is cheap and shares the connection pool.

# Errors

Every method returns [`ncp_runtime::Error::Service`] when NCP answers with an error status (its code, message and body are kept); [`ncp_runtime::Error::Decode`] when a success body does not match the documented type; [`ncp_runtime::Error::InvalidRequest`] when a path parameter is empty; [`ncp_runtime::Error::Timeout`] or [`ncp_runtime::Error::Transport`] when there is no complete answer. Retries follow the client's [`ncp_runtime::RetryPolicy`] and [`Self::with_options`]; the error reports how many attempts were made.*/
    #[derive(Debug, Clone)]
    pub struct ExampleClient {
        client: ::ncp_runtime::Client,
        origin: ::std::sync::Arc<str>,
        options: ::ncp_runtime::CallOptions,
        service_id: ::std::sync::Arc<str>,
    }
    #[allow(deprecated)]
    impl ExampleClient {
        /// The gateway host label of this product.
        pub const HOST: &'static str = "example";
        /**A client that sends its requests with `client`'s credentials, endpoint and connection pool.

- `service_id`: Service id, given once to ExampleClient::new*/
        pub fn new(
            client: &::ncp_runtime::Client,
            service_id: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            Self {
                client: client.clone(),
                origin: ::std::sync::Arc::from(client.origin_for(Self::HOST)),
                options: ::ncp_runtime::CallOptions::new(),
                service_id: ::std::sync::Arc::from(service_id.into()),
            }
        }
        /// The shared runtime client.
        pub fn runtime(&self) -> &::ncp_runtime::Client {
            &self.client
        }
        /// The origin requests go to (`https://sens.apigw.ntruss.com`, or the override).
        pub fn origin(&self) -> &str {
            &self.origin
        }
        /// A copy of this client whose calls use `options` (retry policy, timeouts, deadline,
        /// the opt-in to retry non-idempotent requests) instead of the runtime client's.
        #[must_use]
        pub fn with_options(&self, options: ::ncp_runtime::CallOptions) -> Self {
            Self { options, ..self.clone() }
        }
        ///The `serviceId` this client was made with.
        pub fn service_id(&self) -> &str {
            &self.service_id
        }
        /// The target of an operation, starting with the base path.
        #[allow(dead_code)]
        fn target(
            &self,
            operation: &'static str,
        ) -> ::ncp_runtime::Result<::ncp_runtime::Target> {
            let _ = operation;
            let mut target = ::ncp_runtime::Target::default();
            target.push_literal("/example/v1/services/");
            target.push_param(operation, "serviceId", &self.service_id)?;
            ::std::result::Result::Ok(target)
        }
        ///The HTTP request [`Self::send_notes`] sends for `request` (target, header parameters, body), built but neither signed nor sent: for dry runs, logging and benchmarks.
        pub fn send_notes_request(
            &self,
            request: &SendNotesRequest,
        ) -> ::ncp_runtime::Result<::ncp_runtime::Request> {
            let operation = "send_notes";
            if !self.options.checks_skipped() {
                ::ncp_runtime::checks::check(operation, request)?;
            }
            let mut target = self.target(operation)?;
            target.push_literal("/notes");
            let mut http = ::ncp_runtime::Request::new(target);
            #[derive(::ncp_runtime::__private::serde::Serialize)]
            #[serde(crate = "::ncp_runtime::__private::serde")]
            struct Body<'a> {
                #[serde(rename = "to")]
                to: &'a ::std::string::String,
                #[serde(rename = "notes")]
                notes: &'a ::std::vec::Vec<Note>,
                #[serde(rename = "reserveTime", skip_serializing_if = "Option::is_none")]
                reserve_time: ::std::option::Option<&'a ::std::string::String>,
            }
            http.body = ::ncp_runtime::Body::json(
                operation,
                &Body {
                    to: &request.to,
                    notes: &request.notes,
                    reserve_time: request.reserve_time.as_ref(),
                },
            )?;
            ::std::result::Result::Ok(http)
        }
        /**Send notes

`POST /example/v1/services/{serviceId}/notes`. Answers `202` with [`SendResult`]. Not idempotent: once the request may have reached NCP it is not sent again (only a connection that never opened, or a timestamp the gateway rejected, is retried) unless the call opts in with `CallOptions::retry_non_idempotent`.

# Errors

An [`ncp_runtime::Error`]: NCP's answer (status, code, message, body), a decode failure, an invalid request, or no complete answer; see the client's docs.*/
        pub async fn send_notes(
            &self,
            request: SendNotesRequest,
        ) -> ::ncp_runtime::Result<SendResult> {
            const OPERATION: ::ncp_runtime::Operation = ::ncp_runtime::Operation {
                name: "send_notes",
                method: ::ncp_runtime::__private::Method::POST,
                idempotent: false,
            };
            let http = self.send_notes_request(&request)?;
            let response = self
                .client
                .send_with(&OPERATION, &self.origin, http, &self.options)
                .await?;
            response.json()
        }
        ///The HTTP request [`Self::get_note`] sends for `request` (target, header parameters, body), built but neither signed nor sent: for dry runs, logging and benchmarks.
        pub fn get_note_request(
            &self,
            request: &GetNoteRequest,
        ) -> ::ncp_runtime::Result<::ncp_runtime::Request> {
            let operation = "get_note";
            let mut target = self.target(operation)?;
            target.push_literal("/notes/");
            target.push_param(operation, "noteId", &request.note_id)?;
            target.push_query("verbose", &request.verbose);
            let mut http = ::ncp_runtime::Request::new(target);
            ::std::result::Result::Ok(http)
        }
        /**`GET /example/v1/services/{serviceId}/notes/{noteId}`. Answers `200` with [`Note`]. Idempotent: retried on throttling, transient errors and timeouts.

# Errors

An [`ncp_runtime::Error`]: NCP's answer (status, code, message, body), a decode failure, an invalid request, or no complete answer; see the client's docs.*/
        pub async fn get_note(
            &self,
            request: GetNoteRequest,
        ) -> ::ncp_runtime::Result<Note> {
            const OPERATION: ::ncp_runtime::Operation = ::ncp_runtime::Operation {
                name: "get_note",
                method: ::ncp_runtime::__private::Method::GET,
                idempotent: true,
            };
            let http = self.get_note_request(&request)?;
            let response = self
                .client
                .send_with(&OPERATION, &self.origin, http, &self.options)
                .await?;
            response.json()
        }
    }
    /**Input of `send_notes`: Send notes.

Required fields are taken by `new`, so a request cannot lack one.*/
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct SendNotesRequest {
        /**Recipient

- JSON body field `to` (required)*/
        pub to: ::std::string::String,
        /**- JSON body field `notes` (required)
- Items: at most 100*/
        pub notes: ::std::vec::Vec<Note>,
        /**- JSON body field `reserveTime`
- Format: `yyyy-MM-dd HH:mm`*/
        pub reserve_time: ::std::option::Option<::std::string::String>,
    }
    impl SendNotesRequest {
        ///A `SendNotesRequest` from its required fields (`to`, `notes`); set optional fields with the methods below.
        #[allow(clippy::new_without_default, clippy::too_many_arguments)]
        pub fn new(
            to: impl ::std::convert::Into<::std::string::String>,
            notes: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<Note>>,
        ) -> Self {
            Self {
                to: to.into(),
                notes: notes.into_iter().map(::std::convert::Into::into).collect(),
                reserve_time: ::std::option::Option::None,
            }
        }
        ///Sets [`reserve_time`](Self::reserve_time) (`reserveTime`)
        #[must_use]
        pub fn reserve_time(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.reserve_time = ::std::option::Option::Some(value.into());
            self
        }
    }
    /**Input of `get_note`.

Required fields are taken by `new`, so a request cannot lack one.*/
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct GetNoteRequest {
        /**Note id

- Path parameter `noteId` (required)*/
        pub note_id: ::std::string::String,
        /**- Query parameter `verbose`
- Default: `false`*/
        pub verbose: ::std::option::Option<bool>,
    }
    impl GetNoteRequest {
        ///A `GetNoteRequest` from its required fields (`noteId`); set optional fields with the methods below.
        #[allow(clippy::new_without_default, clippy::too_many_arguments)]
        pub fn new(note_id: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self {
                note_id: note_id.into(),
                verbose: ::std::option::Option::None,
            }
        }
        ///Sets [`verbose`](Self::verbose) (`verbose`)
        #[must_use]
        pub fn verbose(mut self, value: impl ::std::convert::Into<bool>) -> Self {
            self.verbose = ::std::option::Option::Some(value.into());
            self
        }
    }
    #[allow(deprecated)]
    impl ::ncp_runtime::checks::Check for Note {
        fn check(&self, c: &mut ::ncp_runtime::checks::Checker) {
            {
                let v = &self.text;
                c.text(
                    "text",
                    v,
                    ::std::option::Option::None,
                    ::std::option::Option::Some(1000u64),
                );
            }
        }
    }
    #[allow(deprecated)]
    impl ::ncp_runtime::checks::Check for SendNotesRequest {
        fn check(&self, c: &mut ::ncp_runtime::checks::Checker) {
            {
                let v = &self.notes;
                c.items(
                    "notes",
                    v.len(),
                    ::std::option::Option::None,
                    ::std::option::Option::Some(100u64),
                );
                c.each("notes", v);
            }
        }
    }
    /// This product's spec as data: operations, parameters, bodies, types and enums. The mock
    /// gateway of `ncp-runtime` (feature `mock`) serves the product from it.
    pub static SCHEMA: ::ncp_runtime::schema::Schema = ::ncp_runtime::schema::Schema::new(
        "{\"action\":false,\"base_path\":\"/example/v1/services/{serviceId}\",\"enums\":[{\"name\":\"NoteKind\",\"values\":[\"PLAIN\",\"HL\"]}],\"envelope\":null,\"host\":\"example\",\"name\":\"Example\",\"operations\":[{\"body\":[\"json\",[{\"required\":true,\"ty\":\"string\",\"wire\":\"to\"},{\"limits\":{\"max_items\":100},\"required\":true,\"ty\":\"[struct:Note]\",\"wire\":\"notes\"},{\"ty\":\"string\",\"wire\":\"reserveTime\"}]],\"method\":\"POST\",\"name\":\"send_notes\",\"path\":\"/notes\",\"response\":\"struct:SendResult\",\"status\":202},{\"method\":\"GET\",\"name\":\"get_note\",\"path\":\"/notes/{noteId}\",\"path_params\":[{\"required\":true,\"ty\":\"string\",\"wire\":\"noteId\"}],\"query\":[{\"ty\":\"boolean\",\"wire\":\"verbose\"}],\"response\":\"struct:Note\",\"status\":200}],\"structs\":[{\"fields\":[{\"required\":true,\"ty\":\"enum:NoteKind\",\"wire\":\"type\"},{\"limits\":{\"max_length\":1000},\"required\":true,\"ty\":\"string\",\"wire\":\"text\"},{\"ty\":\"map<string>\",\"wire\":\"tags\"}],\"name\":\"Note\"},{\"fields\":[{\"required\":true,\"ty\":\"string\",\"wire\":\"requestId\"},{\"required\":true,\"ty\":\"integer\",\"wire\":\"count\"}],\"name\":\"SendResult\"}]}",
    );
    ///A note.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::ncp_runtime::__private::serde::Serialize,
        ::ncp_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::ncp_runtime::__private::serde")]
    #[non_exhaustive]
    pub struct Note {
        #[serde(rename = "type")]
        ///- JSON field `type` (required)
        pub r#type: NoteKind,
        #[serde(rename = "text")]
        /**- JSON field `text` (required)
- Length (characters): at most 1000*/
        pub text: ::std::string::String,
        #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
        ///- JSON field `tags`
        pub tags: ::std::option::Option<
            ::std::collections::BTreeMap<::std::string::String, ::std::string::String>,
        >,
    }
    impl Note {
        ///A `Note` from its required fields (`type`, `text`); set optional fields with the methods below.
        #[allow(clippy::new_without_default, clippy::too_many_arguments)]
        pub fn new(
            r#type: impl ::std::convert::Into<NoteKind>,
            text: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            Self {
                r#type: r#type.into(),
                text: text.into(),
                tags: ::std::option::Option::None,
            }
        }
        ///Sets [`tags`](Self::tags) (`tags`)
        #[must_use]
        pub fn tags(
            mut self,
            value: impl ::std::iter::IntoIterator<
                Item = (
                    impl ::std::convert::Into<::std::string::String>,
                    impl ::std::convert::Into<::std::string::String>,
                ),
            >,
        ) -> Self {
            self.tags = ::std::option::Option::Some(
                value.into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
            );
            self
        }
    }
    impl ::ncp_runtime::QueryFlatten for SendResult {
        fn flatten_into(&self, prefix: &str, target: &mut ::ncp_runtime::Target) {
            ::ncp_runtime::QueryFlatten::flatten_into(
                &self.request_id,
                &::std::format!("{}.{}", prefix, "requestId"),
                target,
            );
            ::ncp_runtime::QueryFlatten::flatten_into(
                &self.count,
                &::std::format!("{}.{}", prefix, "count"),
                target,
            );
        }
    }
    ///The `SendResult` object.
    #[derive(
        Debug,
        Clone,
        PartialEq,
        ::ncp_runtime::__private::serde::Serialize,
        ::ncp_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::ncp_runtime::__private::serde")]
    #[non_exhaustive]
    pub struct SendResult {
        #[serde(rename = "requestId")]
        ///- JSON field `requestId` (required)
        pub request_id: ::std::string::String,
        #[serde(rename = "count", deserialize_with = "::ncp_runtime::lenient::required")]
        ///- JSON field `count` (required)
        pub count: i64,
    }
    impl SendResult {
        ///A `SendResult` from its required fields (`requestId`, `count`); set optional fields with the methods below.
        #[allow(clippy::new_without_default, clippy::too_many_arguments)]
        pub fn new(
            request_id: impl ::std::convert::Into<::std::string::String>,
            count: i64,
        ) -> Self {
            Self {
                request_id: request_id.into(),
                count,
            }
        }
    }
    /**Kinds of note.

Values this version does not know are kept in `Unknown`; `From` makes a value from its wire form (a documented one becomes its variant).*/
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum NoteKind {
        /**`PLAIN`

Plain text*/
        Plain,
        ///`HL`
        Highlighted,
        /// A value not documented when this crate was generated, kept as received. Made by
        /// `From` only, so it never holds a documented value.
        Unknown(::ncp_runtime::UnknownValue<::std::string::String>),
    }
    impl NoteKind {
        /// Every documented value.
        pub const KNOWN: &'static [Self] = &[Self::Plain, Self::Highlighted];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Plain => "PLAIN",
                Self::Highlighted => "HL",
                Self::Unknown(value) => value.get(),
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for NoteKind {
        fn from(value: ::std::string::String) -> Self {
            match value.as_str() {
                "PLAIN" => Self::Plain,
                "HL" => Self::Highlighted,
                _ => Self::Unknown(::ncp_runtime::UnknownValue::__new(value)),
            }
        }
    }
    impl ::std::convert::From<&str> for NoteKind {
        fn from(value: &str) -> Self {
            Self::from(value.to_owned())
        }
    }
    impl ::std::fmt::Display for NoteKind {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::ncp_runtime::WireText for NoteKind {
        fn with_wire_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
            f(self.as_str())
        }
    }
    impl ::ncp_runtime::__private::serde::Serialize for NoteKind {
        fn serialize<S: ::ncp_runtime::__private::serde::Serializer>(
            &self,
            serializer: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }
    impl<'de> ::ncp_runtime::__private::serde::Deserialize<'de> for NoteKind {
        fn deserialize<D: ::ncp_runtime::__private::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::std::result::Result<Self, D::Error> {
            let value = <::std::string::String as ::ncp_runtime::__private::serde::Deserialize>::deserialize(
                deserializer,
            )?;
            ::std::result::Result::Ok(Self::from(value))
        }
    }
}
