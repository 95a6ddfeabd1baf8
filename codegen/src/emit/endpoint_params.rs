//! Endpoint parameter bindings in `client.rs` (spec rules-engine/parameters.rst "Binding
//! parameter values"):
//!
//! - per operation, `impl rt::endpoint::OperationParams`: its `@staticContextParams`
//!   values, `@contextParam` members and `@operationContextParams` paths, each compiled
//!   into field accesses on the input type (no JMESPath at run time);
//! - per service with `@clientContextParams`, the `ClientContextParams` extension trait of
//!   `rt::client::Config`: one typed `with_<param>` setter per parameter.
//!
//! A path compiles over the input's types: a field of a structure (a required member is
//! read directly, an optional one through its `Option`) or of a union (the value when the
//! union holds that member), `[*]` and `[]` over lists (nulls dropped, as JMESPath
//! projections do; `None` when the list itself is absent, so the parameter stays unset),
//! `keys(…)` of a map, and multi-select lists of strings (of one type; nulls dropped, as
//! a string array holds none; a projected one until `[]` flattens it). The selected value becomes a `string`, `boolean` or `stringArray`
//! parameter value by its Rust type (strings and enums, booleans, lists of either, or a
//! projection of strings). A path this does not compile leaves its parameter unbound,
//! said in the impl's docs.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use crate::ir::{
    ClientParams, EndpointBinding, NamedKind, OperationDef, ParamKind, ParamSource, Presence,
    Service, StaticValue, Ty, TyKind, TypeKind,
};
use crate::jmespath::{Path, Step};

/// `impl rt::endpoint::OperationParams for <op>`: binds the operation's parameters.
pub(crate) fn operation_impl(service: &Service, op: &OperationDef) -> TokenStream {
    let op_name = &op.name;
    let mut statements = Vec::new();
    let mut unbound = Vec::new();
    let mut reads_input = false;
    // Least specific first: a later binding with a value replaces an earlier one.
    for EndpointBinding { param, source } in &op.endpoint_params {
        match statement(service, op, param, source) {
            Ok(tokens) => {
                reads_input |= !matches!(source, ParamSource::Static(_));
                statements.push(tokens);
            }
            Err(why) => unbound.push(format!("`{param}` is not bound: {why}.")),
        }
    }
    let doc = (!unbound.is_empty()).then(|| docs(&unbound.join("\n\n")));
    if statements.is_empty() {
        return quote! {
            #doc
            impl rt::endpoint::OperationParams for super::#op_name {}
        };
    }
    let input_ty = match &op.input {
        Some(symbol) => symbol.tokens(),
        None => quote!(()),
    };
    let input = if reads_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    quote! {
        #doc
        impl rt::endpoint::OperationParams for super::#op_name {
            fn bind(
                #input: &#input_ty,
                params: &mut rt::endpoint::Params,
            ) -> Result<(), rt::endpoint::EndpointError> {
                #(#statements)*
                Ok(())
            }
        }
    }
}

/// The statement that sets `param` from `source`.
fn statement(
    service: &Service,
    op: &OperationDef,
    param: &str,
    source: &ParamSource,
) -> Result<TokenStream, String> {
    match source {
        ParamSource::Static(value) => {
            let value = static_value(value);
            Ok(quote!(params.set(#param, #value);))
        }
        ParamSource::Member(member) => member_statement(service, op, param, member),
        ParamSource::Path { text, path } => {
            path_statement(service, op, param, path).map_err(|why| format!("`{text}`: {why}"))
        }
    }
}

fn static_value(value: &StaticValue) -> TokenStream {
    match value {
        StaticValue::String(s) => quote!(rt::endpoint::Value::String(#s.to_owned())),
        StaticValue::Bool(b) => quote!(rt::endpoint::Value::Bool(#b)),
        StaticValue::Strings(items) => quote!(rt::endpoint::bind::strings([#(#items),*])),
    }
}

/// A `@contextParam` member: its value, refused when a `@required` string is blank.
fn member_statement(
    service: &Service,
    op: &OperationDef,
    param: &str,
    member: &str,
) -> Result<TokenStream, String> {
    let required = input_field(service, op, member).filter(|f| f.presence == Presence::Required);
    if let Some(field) = required {
        let name = &field.name;
        let text = match &field.ty.kind {
            TyKind::String => Some(quote!(&input.#name)),
            TyKind::Named {
                kind: NamedKind::Enum,
                ..
            } => Some(quote!(input.#name.as_str())),
            _ => None,
        };
        if let Some(text) = text {
            return Ok(quote! {
                params.set(#param, rt::endpoint::bind::required(#param, #member, #text)?);
            });
        }
    }
    let path = Path::Steps(vec![Step::Field(member.to_owned())]);
    path_statement(service, op, param, &path)
}

/// The input's field for member `member`.
fn input_field<'s>(
    service: &'s Service,
    op: &OperationDef,
    member: &str,
) -> Option<&'s crate::ir::Field> {
    let symbol = op.input.as_ref()?;
    let TypeKind::Struct(s) = &service.types.get(&symbol.name)?.kind else {
        return None;
    };
    s.fields.iter().find(|f| f.id.member() == Some(member))
}

/// What a step chain has selected so far, as Rust code over `input`.
enum Selected<'s> {
    /// The input itself (`input`, a reference).
    Input(&'s crate::ir::StructDef),
    /// A place of type `at` that always holds a value (required members from the input).
    Place(TokenStream, At<'s>),
    /// An `Option<&T>` of type `at`.
    One(TokenStream, At<'s>),
    /// An `Option<impl Iterator<Item = &T>>` of type `at`: a projection (`None` when the
    /// projected list is absent, so the result is null rather than empty).
    Many(TokenStream, At<'s>),
    /// A reference of type `at` (an element inside a multi-select item).
    Ref(TokenStream, At<'s>),
    /// An `Option<impl Iterator<Item = &str>>` (an `impl Iterator<Item = &str>` when
    /// `sure`): a multi-select list's strings (nulls dropped: a string array holds none),
    /// or a projection of them flattened.
    Strs(TokenStream, bool),
    /// An `Option<impl Iterator<Item = impl Iterator<Item = &str>>>`: a multi-select in a
    /// projection, one list per element, until `[]` flattens it.
    StrLists(TokenStream),
}

/// The type of a selected value: a member's.
#[derive(Clone, Copy)]
struct At<'s>(&'s Ty);

fn path_statement(
    service: &Service,
    op: &OperationDef,
    param: &str,
    path: &Path,
) -> Result<TokenStream, String> {
    let symbol = op.input.as_ref().ok_or("the operation has no input")?;
    let TypeKind::Struct(root) = &service
        .types
        .get(&symbol.name)
        .ok_or("the input type is not generated")?
        .kind
    else {
        return Err("the input is not a structure".to_owned());
    };
    let (steps, keys) = match path {
        Path::Steps(steps) => (steps, false),
        Path::Keys(steps) => (steps, true),
    };
    let mut selected = Selected::Input(root);
    for step in steps {
        selected = apply(service, selected, step)?;
    }
    ending(selected, param, keys)
}

/// The statement setting `param` from what the path selected (`keys` of it).
fn ending(selected: Selected<'_>, param: &str, keys: bool) -> Result<TokenStream, String> {
    match (selected, keys) {
        (Selected::Place(place, At(ty)), true) => match &ty.kind {
            TyKind::Map { .. } => Ok(quote! {
                params.set(#param, rt::endpoint::bind::strings(#place.keys().map(String::as_str)));
            }),
            _ => Err("`keys` of a value that is not a map".to_owned()),
        },
        (Selected::Place(place, At(ty)), false) => {
            let value = one_value(ty)?;
            Ok(quote! {
                let v = &#place;
                params.set(#param, #value);
            })
        }
        (Selected::One(expr, At(ty)), true) => match &ty.kind {
            TyKind::Map { .. } => Ok(quote! {
                if let Some(map) = #expr {
                    params.set(#param, rt::endpoint::bind::strings(map.keys().map(String::as_str)));
                }
            }),
            _ => Err("`keys` of a value that is not a map".to_owned()),
        },
        (Selected::Many(..), true) => Err("`keys` of a projection".to_owned()),
        (Selected::One(expr, At(ty)), false) => {
            let value = one_value(ty)?;
            Ok(quote! {
                if let Some(v) = #expr {
                    params.set(#param, #value);
                }
            })
        }
        (Selected::Many(expr, At(ty)), false) => {
            let text = as_str(ty).ok_or("a projection of values that are not strings")?;
            Ok(quote! {
                if let Some(items) = #expr {
                    params.set(#param, rt::endpoint::bind::strings(items.map(|v| #text)));
                }
            })
        }
        (Selected::Strs(expr, true), false) => Ok(quote! {
            params.set(#param, rt::endpoint::bind::strings(#expr));
        }),
        (Selected::Strs(expr, false), false) => Ok(quote! {
            if let Some(items) = #expr {
                params.set(#param, rt::endpoint::bind::strings(items));
            }
        }),
        (Selected::Strs(..), true) => Err("`keys` of a list".to_owned()),
        (Selected::StrLists(_), _) => {
            Err("a list of lists (a projected multi-select without `[]`)".to_owned())
        }
        (Selected::Input(_) | Selected::Ref(..), _) => {
            Err("the whole input is not a parameter value".to_owned())
        }
    }
}

/// The parameter value of `v: &T` of type `ty`: a string, a boolean or a string array.
fn one_value(ty: &Ty) -> Result<TokenStream, String> {
    if let Some(text) = as_str(ty) {
        return Ok(quote!(rt::endpoint::Value::String(#text.to_owned())));
    }
    match &ty.kind {
        TyKind::Bool => Ok(quote!(rt::endpoint::Value::Bool(*v))),
        TyKind::List { item, sparse } => {
            let text = as_str(item).ok_or("a list of values that are not strings")?;
            let items = if *sparse {
                quote!(v.iter().flatten())
            } else {
                quote!(v.iter())
            };
            Ok(quote!(rt::endpoint::bind::strings(#items.map(|v| #text))))
        }
        _ => Err("a value that is not a string, a boolean or a list of strings".to_owned()),
    }
}

/// `&str` of `v: &T` when `T` (of type `ty`) is a string or a string enum.
fn as_str(ty: &Ty) -> Option<TokenStream> {
    match &ty.kind {
        TyKind::String => Some(quote!(v.as_str())),
        TyKind::Named {
            kind: NamedKind::Enum,
            ..
        } => Some(quote!(v.as_str())),
        _ => None,
    }
}

/// `selected` after `step`.
fn apply<'s>(
    service: &'s Service,
    selected: Selected<'s>,
    step: &Step,
) -> Result<Selected<'s>, String> {
    Ok(match (selected, step) {
        (Selected::Input(root), Step::Field(name)) => {
            match struct_field(root, name, &quote!(input))? {
                (Access::Place(place), next) => Selected::Place(place, At(next)),
                (Access::Maybe(access), next) => Selected::One(access, At(next)),
            }
        }
        (Selected::Input(root), Step::Multi(items)) => {
            let strings = multi_select(service, items, || Selected::Input(root))?;
            Selected::Strs(strings, true)
        }
        (Selected::Input(_), _) => return Err("a projection of the input".to_owned()),
        (Selected::Ref(r, at), Step::Field(name)) => {
            match field_access(service, at, name, &r, &r)? {
                (Access::Place(place), next) => Selected::Place(place, At(next)),
                (Access::Maybe(access), next) => Selected::One(access, At(next)),
            }
        }
        (Selected::Ref(r, at), step) => {
            return apply(service, Selected::One(quote!(Some(#r)), at), step)
        }
        (Selected::Place(place, at), Step::Field(name)) => {
            match field_access(service, at, name, &place, &quote!(&#place))? {
                (Access::Place(place), next) => Selected::Place(place, At(next)),
                (Access::Maybe(access), next) => Selected::One(access, At(next)),
            }
        }
        (Selected::Place(place, at), step) => {
            return apply(service, Selected::One(quote!(Some(&#place)), at), step)
        }
        (Selected::One(expr, at), Step::Field(name)) => {
            let v = quote!(v);
            let (access, next) = field_access(service, at, name, &v, &v)?;
            let expr = match access {
                Access::Place(place) => quote!(#expr.map(|v| &#place)),
                Access::Maybe(access) => quote!(#expr.and_then(|v| #access)),
            };
            Selected::One(expr, At(next))
        }
        (Selected::Many(expr, at), Step::Field(name)) => {
            let v = quote!(v);
            let (access, next) = field_access(service, at, name, &v, &v)?;
            let items = match access {
                Access::Place(place) => quote!(items.map(|v| &#place)),
                Access::Maybe(access) => quote!(items.filter_map(|v| #access)),
            };
            Selected::Many(quote!(#expr.map(|items| #items)), At(next))
        }
        (Selected::One(expr, at), Step::Wildcard | Step::Flatten) => {
            let (items, item) = list_items(at)?;
            let projected = Selected::Many(quote!(#expr.map(|v| #items)), At(item));
            match step {
                Step::Flatten => flatten(projected),
                _ => projected,
            }
        }
        (many @ Selected::Many(..), Step::Flatten) => flatten(many),
        (Selected::Many(..) | Selected::StrLists(_), Step::Wildcard) => {
            return Err("a wildcard inside a projection".to_owned())
        }
        (Selected::One(expr, at), Step::Multi(items)) => {
            let strings = multi_select(service, items, || Selected::Ref(quote!(v), at))?;
            Selected::Strs(quote!(#expr.map(|v| #strings)), false)
        }
        (Selected::Many(expr, at), Step::Multi(items)) => {
            let strings = multi_select(service, items, || Selected::Ref(quote!(v), at))?;
            Selected::StrLists(quote!(#expr.map(|items| items.map(|v| #strings))))
        }
        (Selected::StrLists(expr), Step::Flatten) => {
            Selected::Strs(quote!(#expr.map(|lists| lists.flatten())), false)
        }
        // A list of strings: `[]` and `[*]` leave it as it is.
        (strs @ Selected::Strs(..), Step::Flatten | Step::Wildcard) => strs,
        (Selected::Strs(..) | Selected::StrLists(_), _) => {
            return Err("a member or multi-select of a string".to_owned())
        }
    })
}

/// The strings of a multi-select list, as an iterator of `&str` over `[item, …]`: each
/// item's chain applied from `start()` gives an `Option<&T>`, all of one string or string
/// enum type `T`.
fn multi_select<'s>(
    service: &'s Service,
    items: &[Vec<Step>],
    start: impl Fn() -> Selected<'s>,
) -> Result<TokenStream, String> {
    let mut values = Vec::new();
    let mut types: Vec<&Ty> = Vec::new();
    for steps in items {
        let mut selected = start();
        for step in steps {
            selected = apply(service, selected, step)?;
        }
        let (value, ty) = match selected {
            Selected::Ref(e, At(ty)) => (quote!(Some(#e)), ty),
            Selected::Place(e, At(ty)) => (quote!(Some(&#e)), ty),
            Selected::One(e, At(ty)) => (e, ty),
            _ => return Err("a multi-select item that is not a single value".to_owned()),
        };
        values.push(value);
        types.push(ty);
    }
    let text = types
        .first()
        .filter(|first| types.iter().all(|t| t.kind == first.kind))
        .and_then(|first| as_str(first))
        .ok_or("multi-select items that are not all strings of one type")?;
    Ok(quote!([#(#values),*].into_iter().flatten().map(|v| #text)))
}

/// A projection flattened one level: list elements are replaced by their items.
fn flatten(selected: Selected<'_>) -> Selected<'_> {
    match selected {
        Selected::Many(expr, at) => match list_items(at) {
            Ok((items, item)) => Selected::Many(
                quote!(#expr.map(|items| items.flat_map(|v| #items))),
                At(item),
            ),
            Err(_) => Selected::Many(expr, at),
        },
        other => other,
    }
}

/// The items of `v: &Vec<T>` (an iterator of `&T`, nulls of a sparse list dropped) and
/// their type.
fn list_items(at: At<'_>) -> Result<(TokenStream, &Ty), String> {
    match at.0 {
        Ty {
            kind: TyKind::List { item, sparse },
            ..
        } => {
            let items = if *sparse {
                quote!(v.iter().flatten())
            } else {
                quote!(v.iter())
            };
            Ok((items, item))
        }
        _ => Err("a projection over a value that is not a list".to_owned()),
    }
}

/// How a member is reached.
enum Access {
    /// A place that always holds a value (a required member).
    Place(TokenStream),
    /// An `Option<&T>`.
    Maybe(TokenStream),
}

/// Member `name` of `recv` (a structure or union of type `at`; `recv_ref` is a reference
/// to it), and its type.
fn field_access<'s>(
    service: &'s Service,
    at: At<'s>,
    name: &str,
    recv: &TokenStream,
    recv_ref: &TokenStream,
) -> Result<(Access, &'s Ty), String> {
    let TyKind::Named { symbol, .. } = &at.0.kind else {
        return Err(format!("`{name}` of a value that is not a structure"));
    };
    let def = service
        .types
        .get(&symbol.name)
        .ok_or_else(|| format!("`{}` is not generated", symbol.name))?;
    match &def.kind {
        TypeKind::Struct(s) => struct_field(s, name, recv),
        TypeKind::Union(u) => {
            let variant = u
                .variants
                .iter()
                .find(|v| v.id.member() == Some(name))
                .ok_or_else(|| format!("`{}` has no member `{name}`", def.name))?;
            let ty = variant
                .ty
                .as_ref()
                .ok_or_else(|| format!("member `{name}` of `{}` has no value", def.name))?;
            let (union, vname) = (&def.name, &variant.name);
            let value = if boxed(ty) { quote!(&**x) } else { quote!(x) };
            let access =
                quote!(match #recv_ref { super::#union::#vname(x) => Some(#value), _ => None });
            Ok((Access::Maybe(access), ty))
        }
        TypeKind::Enum(_) => Err(format!("`{name}` of an enum")),
    }
}

/// Member `name` of `v` (structure `s`), and its type.
fn struct_field<'s>(
    s: &'s crate::ir::StructDef,
    name: &str,
    v: &TokenStream,
) -> Result<(Access, &'s Ty), String> {
    let field = s
        .fields
        .iter()
        .find(|f| f.id.member() == Some(name))
        .ok_or_else(|| format!("no member `{name}`"))?;
    let fname = &field.name;
    let access = match (field.presence.is_option(), boxed(&field.ty)) {
        (true, true) => Access::Maybe(quote!(#v.#fname.as_deref())),
        (true, false) => Access::Maybe(quote!(#v.#fname.as_ref())),
        (false, true) => Access::Place(quote!((*#v.#fname))),
        (false, false) => Access::Place(quote!(#v.#fname)),
    };
    Ok((access, &field.ty))
}

fn boxed(ty: &Ty) -> bool {
    matches!(ty.kind, TyKind::Named { boxed: true, .. })
}

/// `ClientContextParams`: typed setters of the service's `@clientContextParams` on
/// `rt::client::Config`.
pub(crate) fn client_params_trait(service: &Service, params: &ClientParams) -> TokenStream {
    let trait_name = &params.trait_name;
    let doc = docs(&format!(
        "The `{}` service's client context parameters (`@clientContextParams`, spec \
         rules-engine/parameters.rst): endpoint rule set parameters set on the client \
         configuration, e.g. `Config::new().{}(…)`. They override built-ins (region, FIPS, \
         dual-stack, endpoint URL); an operation's own bindings override them.",
        service.sdk_id,
        params
            .params
            .first()
            .map_or("with_…", |p| p.method.as_str()),
    ));
    let (decls, impls): (Vec<_>, Vec<_>) = params
        .params
        .iter()
        .map(|p| {
            let method = &p.method;
            let name = &p.name;
            let doc = docs(&format!(
                "{}\n\nSets the endpoint parameter `{name}`.",
                p.docs
            ));
            let (arg, value) = match p.kind {
                ParamKind::Bool => (quote!(bool), quote!(rt::endpoint::Value::Bool(value))),
                ParamKind::String | ParamKind::StringArray => (
                    quote!(impl Into<String>),
                    quote!(rt::endpoint::Value::String(value.into())),
                ),
            };
            (
                quote! {
                    #doc
                    #[must_use]
                    fn #method(self, value: #arg) -> Self;
                },
                quote! {
                    fn #method(self, value: #arg) -> Self {
                        self.with_endpoint_param(#name, #value)
                    }
                },
            )
        })
        .unzip();
    quote! {
        #doc
        pub trait #trait_name {
            #(#decls)*
        }

        impl #trait_name for rt::client::Config {
            #(#impls)*
        }
    }
}
