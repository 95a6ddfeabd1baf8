//! The JMESPath subset of `@operationContextParams` paths (spec rules-engine/parameters.rst,
//! "smithy.rules#operationContextParams trait"), parsed once here for both its users: the
//! client emitter, which compiles a path into field accesses on the operation's input
//! type, and `cargo xtask corpus --endpoints`, which evaluates it over an endpoint test's
//! JSON input.
//!
//! The subset: identifiers, sub-expressions (`a.b`), the wildcard `[*]` and flatten `[]`
//! projections, multi-select lists (`[a, b.c]`) and `keys(…)` of a whole expression.
//! A wildcard inside a projection (`a[*].b[*]`) is refused: it builds nested lists that no
//! endpoint parameter type (string, boolean, string array) holds.

/// A parsed path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Path {
    /// The steps, applied from the operation input.
    Steps(Vec<Step>),
    /// `keys(…)`: the keys of the map the steps select.
    Keys(Vec<Step>),
}

/// A step of a JMESPath sub-expression chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// An identifier: the member of that name.
    Field(String),
    /// `[*]`: a projection over a list's elements.
    Wildcard,
    /// `[]`: a list flattened one level, then projected.
    Flatten,
    /// `[a, b.c]`: a list of each expression's value.
    Multi(Vec<Vec<Step>>),
}

/// Parses `path`.
///
/// # Errors
/// Why `path` is outside the subset, naming the text not read.
pub fn parse(path: &str) -> Result<Path, String> {
    let parsed = match path
        .strip_prefix("keys(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        Some(inner) => Path::Keys(steps(inner)?),
        None => Path::Steps(steps(path)?),
    };
    Ok(parsed)
}

/// The whole of `text` as one chain, without a wildcard inside a projection.
fn steps(text: &str) -> Result<Vec<Step>, String> {
    let (steps, rest) = chain(text)?;
    if !rest.is_empty() {
        return Err(format!("`{rest}` is not read"));
    }
    if let Some(why) = nested_wildcard(&steps, false) {
        return Err(why.to_owned());
    }
    Ok(steps)
}

/// Parses a chain `step (('.' step) | bracket)*` from the start of `text`: the steps and
/// the text after them (a `,` or `]` ends a chain inside a multi-select list).
fn chain(text: &str) -> Result<(Vec<Step>, &str), String> {
    let mut steps = Vec::new();
    let mut rest = text;
    let mut after_dot = true;
    loop {
        let (step, after) = if let Some(r) = rest.strip_prefix("[*]") {
            (Step::Wildcard, r)
        } else if let Some(r) = rest.strip_prefix("[]") {
            (Step::Flatten, r)
        } else if let Some(r) = rest.strip_prefix('[') {
            multi_select(r)?
        } else if after_dot {
            field(rest)?
        } else {
            return Ok((steps, rest));
        };
        steps.push(step);
        (rest, after_dot) = match after.strip_prefix('.') {
            Some(r) => (r, true),
            None => (after, false),
        };
    }
}

/// The rest of a multi-select list `[a, b.c]`, after its `[`.
fn multi_select(mut text: &str) -> Result<(Step, &str), String> {
    let mut items = Vec::new();
    loop {
        let (item, after) = chain(text.trim_start())?;
        items.push(item);
        let after = after.trim_start();
        if let Some(r) = after.strip_prefix(',') {
            text = r;
        } else if let Some(r) = after.strip_prefix(']') {
            return Ok((Step::Multi(items), r));
        } else {
            return Err(format!("`{after}` does not close a multi-select list"));
        }
    }
}

/// An unquoted identifier at the start of `text`: a letter or `_`, then letters, digits
/// and `_` (jmespath.org grammar).
fn field(text: &str) -> Result<(Step, &str), String> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    if end == 0 || text.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("`{text}` is not an identifier"));
    }
    Ok((Step::Field(text[..end].to_owned()), &text[end..]))
}

/// Why `steps` leave the subset: a wildcard once a projection has begun (`projected`).
fn nested_wildcard(steps: &[Step], mut projected: bool) -> Option<&'static str> {
    for step in steps {
        match step {
            Step::Wildcard if projected => return Some("a wildcard inside a projection"),
            Step::Wildcard | Step::Flatten => projected = true,
            Step::Multi(items) => {
                if let Some(why) = items.iter().find_map(|i| nested_wildcard(i, projected)) {
                    return Some(why);
                }
            }
            Step::Field(_) => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> Step {
        Step::Field(name.to_owned())
    }

    #[test]
    fn parses_the_subset() {
        assert_eq!(
            parse("A.B").unwrap(),
            Path::Steps(vec![field("A"), field("B")])
        );
        assert_eq!(
            parse("Items[*].Get.T").unwrap(),
            Path::Steps(vec![
                field("Items"),
                Step::Wildcard,
                field("Get"),
                field("T")
            ])
        );
        assert_eq!(
            parse("keys(RequestItems)").unwrap(),
            Path::Keys(vec![field("RequestItems")])
        );
        assert_eq!(
            parse("L[*][s, o.k][]").unwrap(),
            Path::Steps(vec![
                field("L"),
                Step::Wildcard,
                Step::Multi(vec![vec![field("s")], vec![field("o"), field("k")]]),
                Step::Flatten,
            ])
        );
    }

    #[test]
    fn the_rest_of_jmespath_is_refused_saying_why() {
        for (path, why) in [
            ("A[0]", "`0]` is not an identifier"),
            ("A[*].B[*]", "a wildcard inside a projection"),
            ("A[*][B[*]]", "a wildcard inside a projection"),
            ("length(A)", "`(A)` is not read"),
            ("A.", "`` is not an identifier"),
            ("[A, B", "`` does not close a multi-select list"),
        ] {
            assert_eq!(parse(path), Err(why.to_owned()), "{path}");
        }
    }
}
