//! Merging fragments into one model (spec model.rst "Merging models", "Trait conflict
//! resolution"; idl.rst "Relative shape ID resolution").

use crate::model::traits::ids;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{
    idl, json_ast, prelude, Apply, Fragment, LoadError, Location, Member, Model, Node, Shape,
    ShapeId, ShapeType, Traits, PRELUDE_NAMESPACE,
};

/// Loads model files and directories (walked recursively for `.json` and `.smithy`
/// files, in path order) into one validated model.
///
/// # Errors
/// The first unreadable file, syntax error, conflict or dangling reference.
pub fn load(paths: &[PathBuf]) -> Result<Model, LoadError> {
    let mut sources = Vec::new();
    for path in paths {
        for file in model_files(path)? {
            let name: Arc<str> = Arc::from(file.display().to_string());
            let text = std::fs::read_to_string(&file).map_err(|e| {
                LoadError::new(Location::file(name.clone()), format!("cannot read: {e}"))
            })?;
            sources.push((name, text));
        }
    }
    load_sources(&sources)
}

/// Loads in-memory model files, `(file name, text)`; the name's extension picks the
/// reader (`.smithy` → IDL, anything else → JSON AST).
///
/// # Errors
/// As [`load`].
pub fn load_sources(sources: &[(Arc<str>, String)]) -> Result<Model, LoadError> {
    let fragments = sources
        .iter()
        .map(|(name, text)| {
            if name.ends_with(".smithy") {
                idl::parse(name.clone(), text)
            } else {
                json_ast::parse(name.clone(), text)
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    assemble(fragments)
}

fn model_files(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            LoadError::new(
                Location::file(Arc::from(path.display().to_string())),
                format!("cannot list: {e}"),
            )
        })?;
        let is_model = matches!(
            entry.path().extension().and_then(|e| e.to_str()),
            Some("json" | "smithy")
        );
        if entry.file_type().is_file() && is_model {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Merges fragments and the prelude into one model, then validates every reference.
///
/// # Errors
/// Conflicting shape definitions, conflicting trait or metadata values, `apply` to an
/// undefined shape or member, and references to undefined shapes.
pub fn assemble(mut fragments: Vec<Fragment>) -> Result<Model, LoadError> {
    let mut model = Model::default();
    for shape in prelude::shapes() {
        model.shapes.insert(shape.id.clone(), shape);
    }
    let defined: BTreeSet<ShapeId> = fragments
        .iter()
        .flat_map(|f| f.shapes.iter().map(|s| s.id.clone()))
        .collect();
    for fragment in &mut fragments {
        repoint_prelude_fallbacks(fragment, &defined);
    }
    let list_traits = fragment_list_traits(&fragments);
    for fragment in &mut fragments {
        coerce_empty_list_traits(fragment, &list_traits);
    }
    for fragment in &fragments {
        for (key, value, location) in &fragment.metadata {
            merge_metadata(&mut model.metadata, key, value, location)?;
        }
        for shape in &fragment.shapes {
            add_shape(&mut model, shape)?;
        }
    }
    let list_traits = list_trait_ids(&model);
    for apply in fragments.iter().flat_map(|f| &f.applies) {
        apply_traits(&mut model, apply, &list_traits)?;
    }
    validate_references(&model)?;
    validate_mixins(&model)?;
    Ok(model)
}

/// Step 2 of relative resolution: a name defined in the file's own namespace (in any
/// file) wins over the prelude.
fn repoint_prelude_fallbacks(fragment: &mut Fragment, defined: &BTreeSet<ShapeId>) {
    let Some((namespace, names)) = &fragment.prelude_fallbacks else {
        return;
    };
    let repoint: BTreeMap<ShapeId, ShapeId> = names
        .iter()
        .map(|name| {
            (
                ShapeId::new(PRELUDE_NAMESPACE, name),
                ShapeId::new(namespace, name),
            )
        })
        .filter(|(_, local)| defined.contains(local))
        .collect();
    if repoint.is_empty() {
        return;
    }
    let fix = |id: &mut ShapeId| {
        if let Some(local) = repoint.get(&id.root()) {
            *id = match id.member() {
                Some(member) => local.with_member(member),
                None => local.clone(),
            };
        }
    };
    let fix_traits = |traits: &mut Traits| {
        *traits = std::mem::take(traits)
            .into_iter()
            .map(|(mut k, v)| {
                fix(&mut k);
                (k, v)
            })
            .collect();
    };
    for shape in &mut fragment.shapes {
        shape.references_mut().into_iter().for_each(fix);
        fix_traits(&mut shape.traits);
        shape
            .members
            .iter_mut()
            .for_each(|m| fix_traits(&mut m.traits));
    }
    for apply in &mut fragment.applies {
        fix(&mut apply.target);
        fix_traits(&mut apply.traits);
    }
}

fn merge_metadata(
    metadata: &mut BTreeMap<String, Node>,
    key: &str,
    value: &Node,
    location: &Location,
) -> Result<(), LoadError> {
    match metadata.get_mut(key) {
        None => {
            metadata.insert(key.to_owned(), value.clone());
        }
        Some(existing) if existing == value => {}
        Some(Node::Array(existing)) if value.is_array() => {
            existing.extend(value.as_array().into_iter().flatten().cloned());
        }
        Some(_) => {
            return Err(LoadError::new(
                location.clone(),
                format!("conflicting values for metadata key `{key}`"),
            ));
        }
    }
    Ok(())
}

fn add_shape(model: &mut Model, shape: &Shape) -> Result<(), LoadError> {
    if shape.id.is_prelude() {
        return Err(LoadError::shape(
            shape.location.clone(),
            &shape.id,
            "shapes cannot be defined in the prelude namespace",
        ));
    }
    if let Some(existing) = model.shapes.get(&shape.id) {
        if existing.same_definition(shape) {
            return Ok(());
        }
        return Err(LoadError::shape(
            shape.location.clone(),
            &shape.id,
            format!(
                "conflicting definition: already defined at {}",
                existing.location
            ),
        ));
    }
    let mut names = BTreeSet::new();
    if let Some(dup) = shape
        .members
        .iter()
        .find(|m| !names.insert(m.name.to_lowercase()))
    {
        return Err(LoadError::shape(
            dup.location.clone(),
            &shape.id,
            format!("duplicate member `{}`", dup.name),
        ));
    }
    model.shapes.insert(shape.id.clone(), shape.clone());
    Ok(())
}

/// Trait shapes defined as lists in `fragments` (before they are merged into a model).
fn fragment_list_traits(fragments: &[Fragment]) -> BTreeSet<ShapeId> {
    fragments
        .iter()
        .flat_map(|f| &f.shapes)
        .filter(|s| {
            matches!(s.shape_type, ShapeType::List | ShapeType::Set) && s.has_trait(ids::TRAIT)
        })
        .map(|s| s.id.clone())
        .collect()
}

/// A trait written without a value (`@tags`, `@tags()`) is read as `{}`; when the trait
/// is a list, its value is `[]` instead (spec idl.rst "Omitted trait values"). A JSON AST
/// `{}` for a list trait is read the same way.
fn coerce_empty_list_traits(fragment: &mut Fragment, list_traits: &BTreeSet<ShapeId>) {
    let coerce = |traits: &mut Traits| {
        for (id, value) in traits.iter_mut() {
            let is_list = list_traits.contains(id) || prelude::is_list_trait(id);
            if is_list && value.as_object().is_some_and(serde_json::Map::is_empty) {
                *value = Node::Array(Vec::new());
            }
        }
    };
    for shape in &mut fragment.shapes {
        coerce(&mut shape.traits);
        shape.members.iter_mut().for_each(|m| coerce(&mut m.traits));
    }
    for apply in &mut fragment.applies {
        coerce(&mut apply.traits);
    }
}

/// Traits whose definition is a list shape: their conflicting values concatenate.
fn list_trait_ids(model: &Model) -> BTreeSet<ShapeId> {
    model
        .shapes
        .values()
        .filter(|s| {
            matches!(s.shape_type, ShapeType::List | ShapeType::Set) && s.has_trait(ids::TRAIT)
        })
        .map(|s| s.id.clone())
        .collect()
}

fn apply_traits(
    model: &mut Model,
    apply: &Apply,
    list_traits: &BTreeSet<ShapeId>,
) -> Result<(), LoadError> {
    let inherited = match apply.target.member() {
        Some(name) => inherited_member(model, &apply.target.root(), name)
            .or_else(|| resource_member(model, apply, name)),
        None => None,
    };
    let Some(shape) = model.shapes.get_mut(&apply.target.root()) else {
        return Err(LoadError::shape(
            apply.location.clone(),
            &apply.target,
            "`apply` targets a shape that is not defined",
        ));
    };
    let traits = match apply.target.member() {
        None => &mut shape.traits,
        Some(name) => {
            if shape.member(name).is_none() {
                // A member inherited from a mixin: applying traits makes a local copy.
                let Some(mut member) = inherited else {
                    return Err(LoadError::shape(
                        apply.location.clone(),
                        &apply.target,
                        "no such member: neither the shape nor its mixins define it",
                    ));
                };
                if apply.traits.is_empty() && apply.elided_from.is_none() {
                    return Ok(()); // an elided `$member` without traits stays inherited
                }
                member.traits.clear();
                member.location = apply.location.clone();
                shape.members.push(member);
            }
            &mut shape
                .member_mut(name)
                .expect("member exists: found or just added")
                .traits
        }
    };
    merge_traits(
        traits,
        &apply.traits,
        list_traits,
        &apply.location,
        &apply.target,
    )
}

/// An elided `$name` bound through the `for` resource of `apply` (spec idl.rst "Target
/// elision"): a member targeting the resource's identifier or property of that name.
fn resource_member(model: &Model, apply: &Apply, name: &str) -> Option<Member> {
    let resource = model
        .shapes
        .get(apply.elided_from.as_ref()?)?
        .as_resource()?;
    let target = resource
        .identifiers
        .iter()
        .chain(&resource.properties)
        .find(|(n, _)| n == name)?
        .1
        .clone();
    Some(Member {
        name: name.to_owned(),
        target,
        traits: Traits::new(),
        location: apply.location.clone(),
    })
}

/// The member `name` as inherited through `shape`'s mixins, searched depth-first.
fn inherited_member(model: &Model, shape: &ShapeId, name: &str) -> Option<Member> {
    let shape = model.shapes.get(shape)?;
    shape.mixins.iter().find_map(|mixin| {
        model
            .shapes
            .get(mixin)?
            .member(name)
            .cloned()
            .or_else(|| inherited_member(model, mixin, name))
    })
}

/// Merges `incoming` traits into `traits` (spec model.rst "Trait conflict resolution"):
/// equal values are fine, list traits concatenate, anything else conflicts.
pub fn merge_traits(
    traits: &mut Traits,
    incoming: &Traits,
    list_traits: &BTreeSet<ShapeId>,
    location: &Location,
    shape: &ShapeId,
) -> Result<(), LoadError> {
    for (key, value) in incoming {
        match traits.get_mut(key) {
            None => {
                traits.insert(key.clone(), value.clone());
            }
            Some(existing) if existing == value => {}
            Some(Node::Array(existing))
                if value.is_array()
                    && (list_traits.contains(key) || prelude::is_list_trait(key)) =>
            {
                existing.extend(value.as_array().into_iter().flatten().cloned());
            }
            Some(_) => {
                return Err(LoadError::shape(
                    location.clone(),
                    shape,
                    format!("conflicting values for trait `{key}`"),
                ));
            }
        }
    }
    Ok(())
}

fn validate_references(model: &Model) -> Result<(), LoadError> {
    for shape in model.user_shapes() {
        for member in &shape.members {
            if !model.shapes.contains_key(&member.target) {
                return Err(LoadError::shape(
                    member.location.clone(),
                    &shape.id.with_member(&member.name),
                    format!("member targets `{}`, which is not defined", member.target),
                ));
            }
        }
        if let Some(missing) = shape
            .references()
            .into_iter()
            .find(|r| model.shape(r).is_none())
        {
            return Err(LoadError::shape(
                shape.location.clone(),
                &shape.id,
                format!("refers to `{missing}`, which is not defined"),
            ));
        }
    }
    Ok(())
}

/// Mixin rules that can span files (spec mixins.rst): a mixin is marked `@mixin` and
/// has the type of the shape using it, mixins form no cycle, and a member name is never
/// inherited, or redefined, with two different targets.
fn validate_mixins(model: &Model) -> Result<(), LoadError> {
    for shape in model.user_shapes().filter(|s| !s.mixins.is_empty()) {
        let error = |message: String| LoadError::shape(shape.location.clone(), &shape.id, message);
        let mut inherited: BTreeMap<String, ShapeId> = BTreeMap::new();
        for mixin_id in &shape.mixins {
            let Some(mixin) = model.shapes.get(mixin_id) else {
                continue;
            }; // reported above
            if !mixin.has_trait(ids::MIXIN) {
                return Err(error(format!(
                    "`{mixin_id}` is used as a mixin but has no @mixin trait"
                )));
            }
            if mixin.shape_type != shape.shape_type {
                return Err(error(format!(
                    "a {} cannot use the {} mixin `{mixin_id}`",
                    shape.shape_type.as_str(),
                    mixin.shape_type.as_str()
                )));
            }
            for member in mixin_members(model, mixin, &shape.id).map_err(error)? {
                match inherited.get(&member.name) {
                    Some(target) if *target != member.target => {
                        return Err(error(format!(
                            "member `{}` is inherited with two targets, `{target}` and `{}`",
                            member.name, member.target
                        )));
                    }
                    _ => {
                        inherited.insert(member.name, member.target);
                    }
                }
            }
        }
        for member in &shape.members {
            if let Some(target) = inherited.get(&member.name).filter(|t| **t != member.target) {
                return Err(LoadError::shape(
                    member.location.clone(),
                    &shape.id.with_member(&member.name),
                    format!("redefines an inherited mixin member that targets `{target}`"),
                ));
            }
        }
    }
    Ok(())
}

/// Every member `mixin` has, its own and inherited; an error if the chain leads back to
/// `origin` (a mixin cycle).
fn mixin_members(model: &Model, mixin: &Shape, origin: &ShapeId) -> Result<Vec<Member>, String> {
    let mut members = Vec::new();
    let mut seen = BTreeSet::new();
    let mut stack = vec![mixin];
    while let Some(shape) = stack.pop() {
        if shape.id == *origin {
            return Err(format!("mixin cycle through `{}`", mixin.id));
        }
        if !seen.insert(&shape.id) {
            continue;
        }
        members.extend(shape.members.iter().cloned());
        stack.extend(shape.mixins.iter().filter_map(|id| model.shapes.get(id)));
    }
    Ok(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_json(docs: &[&str]) -> Result<Model, LoadError> {
        let sources: Vec<_> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (Arc::from(format!("m{i}.json")), d.to_string()))
            .collect();
        load_sources(&sources)
    }

    #[test]
    fn dangling_target_names_file_shape_and_path() {
        let err = load_json(&[r#"{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{"x":{"target":"a#Missing"}}}}}"#])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"m0.json at $.shapes["a#S"].members.x: shape `a#S$x`: member targets `a#Missing`, which is not defined"#
        );
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        let err = load_json(&["{\n  \"smithy\": \"2.0\",\n  \"shapes\": {\n"]).unwrap_err();
        assert!(err.to_string().starts_with("m0.json:4:"), "{err}");
    }

    #[test]
    fn wrong_kinds_are_errors_not_panics() {
        for doc in [
            "[]",
            r#"{"smithy":"2.0","shapes":[]}"#,
            r#"{"smithy":"2.0","shapes":{"a#S":{"type":"bogus"}}}"#,
            r#"{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{"x":{}}}}}"#,
            r#"{"smithy":"2.0","shapes":{"nope":{"type":"string"}}}"#,
            r#"{"smithy":"2.0","shapes":{"a#O":{"type":"operation","errors":[1]}}}"#,
        ] {
            assert!(load_json(&[doc]).is_err(), "{doc}");
        }
    }

    #[test]
    fn apply_merges_and_list_traits_concatenate() {
        let model = load_json(&[
            r#"{"smithy":"2.0","shapes":{"a#S":{"type":"string","traits":{"smithy.api#tags":["x"]}}}}"#,
            r#"{"smithy":"2.0","shapes":{"a#S":{"type":"apply","traits":{"smithy.api#tags":["y"],"smithy.api#sensitive":{}}}}}"#,
        ])
        .unwrap();
        let s = model.shape(&ShapeId::parse("a#S").unwrap()).unwrap();
        assert_eq!(
            s.get_trait("smithy.api#tags"),
            Some(&serde_json::json!(["x", "y"]))
        );
        assert!(s.has_trait(ids::SENSITIVE));
    }

    #[test]
    fn conflicting_traits_and_shapes_are_errors() {
        let a = r#"{"smithy":"2.0","shapes":{"a#S":{"type":"string","traits":{"smithy.api#documentation":"a"}}}}"#;
        let b = r#"{"smithy":"2.0","shapes":{"a#S":{"type":"apply","traits":{"smithy.api#documentation":"b"}}}}"#;
        assert!(load_json(&[a, b])
            .unwrap_err()
            .message
            .contains("conflicting values"));
        let c = r#"{"smithy":"2.0","shapes":{"a#S":{"type":"integer"}}}"#;
        assert!(load_json(&[a, c])
            .unwrap_err()
            .message
            .contains("conflicting definition"));
        assert!(load_json(&[a, a]).is_ok(), "identical definitions merge");
    }

    #[test]
    fn elided_members_resolve_through_mixins_in_other_files() {
        let mixin = "$version: \"2\"\nnamespace a\n@mixin\nstructure Base {\n    id: String\n}\n";
        let user = "$version: \"2\"\nnamespace b\nuse a#Base\nstructure User with [Base] {\n    @required\n    $id\n}\n";
        let sources = |user: &str| {
            vec![
                (Arc::from("base.smithy"), mixin.to_owned()),
                (Arc::from("user.smithy"), user.to_owned()),
            ]
        };
        let model = crate::transform::flatten_mixins(&load_sources(&sources(user)).unwrap());
        let id = ShapeId::parse("b#User").unwrap();
        let member = model.shape(&id).unwrap().member("id").unwrap();
        assert_eq!(member.target.to_string(), "smithy.api#String");
        assert!(member.has_trait(ids::REQUIRED));

        let err = load_sources(&sources(&user.replace("$id", "$nope"))).unwrap_err();
        assert_eq!(err.shape.as_deref(), Some(&id.with_member("nope")));
        assert!(err.to_string().starts_with("user.smithy:6:5: "), "{err}");
    }

    #[test]
    fn mixin_rules_hold_across_files() {
        let mixins = "$version: \"2\"\nnamespace a\n@mixin\nstructure Base {\n    id: String\n}\n\
                      @mixin\nstructure Other {\n    id: Integer\n}\nstructure Plain {}\n@mixin\nstring Text\n";
        let load = |user: &str| {
            load_sources(&[
                (Arc::from("mixins.smithy"), mixins.to_owned()),
                (Arc::from("user.smithy"), format!("$version: \"2\"\nnamespace b\nuse a#Base\nuse a#Other\nuse a#Plain\nuse a#Text\n{user}\n")),
            ])
        };
        assert!(load("structure Ok with [Base] { name: String }").is_ok());
        for (user, expected) in [
            ("structure S with [Plain] {}", "has no @mixin trait"),
            (
                "structure S with [Text] {}",
                "a structure cannot use the string mixin",
            ),
            (
                "structure S with [Base, Other] {}",
                "inherited with two targets",
            ),
            (
                "structure S with [Base] { id: Integer }",
                "redefines an inherited mixin member",
            ),
        ] {
            let err = load(user).unwrap_err();
            assert!(err.to_string().contains(expected), "{user}: {err}");
            assert!(err.location.file.as_ref() == "user.smithy", "{user}: {err}");
        }
    }

    #[test]
    fn json_ast_round_trips_real_models() {
        for name in ["chime", "ivschat"] {
            let model = load(&[pinned::require(name)]).unwrap();
            let text = serde_json::to_string(&json_ast::to_json(&model)).unwrap();
            let again = load_sources(&[(Arc::from("again.json"), text)]).unwrap();
            assert_eq!(json_ast::to_json(&model), json_ast::to_json(&again));
            assert!(model.services().count() == 1);
        }
    }

    #[test]
    fn numbers_beyond_64_bits_are_kept_and_written_exactly() {
        let idl = "$version: \"2\"\nnamespace a\n@trait\nbigDecimal limit\n\
                   @limit(1.7976931348623157E+309)\nstring S\n\
                   @limit(-123456789012345678901234567890)\nstring T\n\
                   @limit(0.10000000000000000001)\nstring U\n\
                   @limit(1e2)\nstring V\n";
        let model = load_sources(&[(Arc::from("a.smithy"), idl.to_owned())]).unwrap();
        let text = serde_json::to_string(&json_ast::to_json(&model)).unwrap();
        for exact in [
            r#""a#limit":1.7976931348623157e+309}"#,
            r#""a#limit":-123456789012345678901234567890}"#,
            r#""a#limit":1.0000000000000000001e-1}"#,
            r#""a#limit":100.0}"#,
        ] {
            assert!(text.contains(exact), "{exact} in {text}");
        }
        let again = load_sources(&[(Arc::from("again.json"), text)]).unwrap();
        assert_eq!(json_ast::to_json(&model), json_ast::to_json(&again));
    }

    #[test]
    fn a_list_trait_without_a_value_is_an_empty_list() {
        let idl = "$version: \"2\"\nnamespace a\n@trait\nlist marks { member: String }\n\
                   @marks\n@tags\nstring S\n@marks([\"x\"])\n@deprecated()\nstring T\n\
                   apply T @marks\n";
        let model = load_sources(&[(Arc::from("a.smithy"), idl.to_owned())]).unwrap();
        let traits = |name: &str| &model.shapes[&ShapeId::parse(name).unwrap()].traits;
        let s = traits("a#S");
        assert_eq!(
            s[&ShapeId::parse("a#marks").unwrap()],
            serde_json::json!([])
        );
        assert_eq!(
            s[&ShapeId::parse("smithy.api#tags").unwrap()],
            serde_json::json!([])
        );
        let t = traits("a#T");
        assert_eq!(
            t[&ShapeId::parse("a#marks").unwrap()],
            serde_json::json!(["x"])
        );
        assert_eq!(t[&ids::shape_id(ids::DEPRECATED)], serde_json::json!({}));
    }

    #[test]
    fn elided_members_resolve_through_a_resource_in_another_file() {
        let resource = "$version: \"2\"\nnamespace a\nresource Pokemon {\n    identifiers: { name: String }\n    properties: { level: Integer }\n}\n";
        let structure = "$version: \"2\"\nnamespace a\nstructure GetPokemonInput for Pokemon {\n    @required\n    $name\n    $level\n}\n";
        let model = load_sources(&[
            (Arc::from("resource.smithy"), resource.to_owned()),
            (Arc::from("input.smithy"), structure.to_owned()),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let shape = &model.shapes[&ShapeId::parse("a#GetPokemonInput").unwrap()];
        let name = shape.member("name").expect("$name resolved");
        assert_eq!(name.target.to_string(), "smithy.api#String");
        assert!(name.has_trait(ids::REQUIRED));
        let level = shape.member("level").expect("$level resolved");
        assert_eq!(level.target.to_string(), "smithy.api#Integer");
        // A name the resource does not have is still an error, located in its file.
        let bad = "$version: \"2\"\nnamespace a\nstructure Other for Pokemon {\n    $nope\n}\n";
        let err = load_sources(&[
            (Arc::from("resource.smithy"), resource.to_owned()),
            (Arc::from("bad.smithy"), bad.to_owned()),
        ])
        .expect_err("unknown elided member");
        assert!(err.to_string().contains("bad.smithy"), "{err}");
    }
}
