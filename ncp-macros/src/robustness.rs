//! No spec input makes the macro panic or emit broken code: thousands of mutated and random
//! specs go through parse → validate → generate, and each must end in a located error or in
//! tokens that parse as Rust. Deterministic (a fixed-seed xorshift), so a failure reproduces.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::{generate, model, validate};

const SEEDS: [&str; 4] = [
    include_str!("../../ncp-apis/spec/sens_friendtalk.toml"),
    include_str!("../../ncp-apis/spec/wsc.toml"),
    include_str!("../../ncp-apis/spec/vserver.toml"),
    include_str!("../../ncp-apis/spec/vpc.toml"),
];

/// Fragments that are likely to reach deep into validation when spliced in.
const FRAGMENTS: [&str; 16] = [
    "{",
    "}",
    "[",
    "]",
    "\"",
    "=",
    "\n",
    "type = \"[",
    "required = true",
    "max = -1",
    "{id}",
    "path_params.x = { type = \"string\" }",
    "[types.A.fields]\na = { type = \"A\" }\n",
    "values = []",
    "é",
    "nullable = true",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut out = text.to_owned();
    for _ in 0..1 + rng.below(4) {
        let at = boundary(&out, rng.below(out.len() + 1));
        match rng.below(6) {
            0 => {
                let end = boundary(&out, at + rng.below(40));
                out.replace_range(at..end, "");
            }
            1 => out.insert_str(at, FRAGMENTS[rng.below(FRAGMENTS.len())]),
            2 => {
                let lines: Vec<&str> = out.lines().collect();
                let line = lines[rng.below(lines.len())].to_owned();
                out.insert_str(boundary(&out, at), &format!("\n{line}\n"));
            }
            3 => out.truncate(at),
            4 => {
                let words = [
                    "string",
                    "integer",
                    "GET",
                    "POST",
                    "DELETE",
                    "[Message]",
                    "map<json>",
                    "file",
                    "0",
                    "true",
                ];
                if let Some(quote) = out[at..].find('"') {
                    let start = at + quote + 1;
                    if let Some(len) = out[start..].find('"') {
                        out.replace_range(start..start + len, words[rng.below(words.len())]);
                    }
                }
            }
            _ => {
                let byte = (rng.next() % 128) as u8 as char;
                out.insert(at, byte);
            }
        }
    }
    out
}

/// Runs the whole pipeline on `text`; panics (with the input) on anything but a clean outcome.
fn check(text: &str) {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        match model::parse(text)
            .map_err(|e| vec![e])
            .and_then(|raw| validate::validate(&raw))
        {
            Ok(api) => {
                let tokens = generate::generate(&api);
                if let Err(e) = syn::parse2::<syn::File>(tokens) {
                    return Err(format!("generated code does not parse: {e}"));
                }
                Ok(())
            }
            Err(errors) => {
                for error in &errors {
                    if let Some(span) = &error.span
                        && span.start > text.len()
                    {
                        return Err(format!("span {span:?} outside the text: {}", error.message));
                    }
                    if error.span.is_none() && !error.message.contains("missing field") {
                        return Err(format!("an error without a location: {}", error.message));
                    }
                    let rendered = error.render("spec/x.toml", text);
                    if !rendered.starts_with("spec/x.toml") {
                        return Err(format!("rendered without the file: {rendered}"));
                    }
                }
                Ok(())
            }
        }
    }));
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(problem)) => panic!("{problem}\n--- input ---\n{text}"),
        Err(_) => panic!("the pipeline panicked\n--- input ---\n{text}"),
    }
}

#[test]
fn mutated_specs_never_panic_and_always_locate_their_errors() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..2000 {
        let seed = SEEDS[i % SEEDS.len()];
        check(&mutate(&mut rng, seed));
    }
}

#[test]
fn random_text_never_panics() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let alphabet: Vec<char> = "[]{}=\"'.,#\n abcxyz019_-é\\".chars().collect();
    for _ in 0..1500 {
        let len = rng.below(200);
        let text: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        check(&text);
    }
}

#[test]
fn the_shipped_specs_are_valid() {
    for seed in SEEDS {
        check(seed);
        assert!(validate::validate(&model::parse(seed).unwrap()).is_ok());
    }
}
