//! Tests of the built-in role table and custom-role validation.

use super::*;

#[test]
fn builtin_roles_nest_strictly() {
    let chain = [
        BuiltinRole::Viewer,
        BuiltinRole::Editor,
        BuiltinRole::Admin,
        BuiltinRole::Owner,
    ];
    for pair in chain.windows(2) {
        let (lo, hi) = (builtin_permissions(pair[0]), builtin_permissions(pair[1]));
        assert!(
            lo.is_subset(hi) && lo != hi,
            "{:?} ⊂ {:?}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn product_table_rows_land_on_the_right_role() {
    // (permission, lowest built-in role that has it) — PRODUCT.md's table.
    let table = [
        (P::WorkspaceRead, BuiltinRole::Viewer),
        (P::ContentRead, BuiltinRole::Viewer),
        (P::ContentCreate, BuiltinRole::Editor),
        (P::ConnectionsUse, BuiltinRole::Editor),
        (P::WorkspaceDescriptionUpdate, BuiltinRole::Editor),
        (P::ContentDelete, BuiltinRole::Admin),
        (P::WorkspaceUpdate, BuiltinRole::Admin),
        (P::GroupsManage, BuiltinRole::Admin),
        (P::DomainsManage, BuiltinRole::Admin),
        (P::MembersInvite, BuiltinRole::Admin),
        (P::AuditRead, BuiltinRole::Admin),
        (P::WorkspaceArchive, BuiltinRole::Admin),
        (P::MembersRoleUpdate, BuiltinRole::Owner),
        (P::MembersAccessUpdate, BuiltinRole::Owner),
        (P::MembersRemove, BuiltinRole::Owner),
        (P::OwnershipTransfer, BuiltinRole::Owner),
        (P::BillingManage, BuiltinRole::Owner),
        (P::WorkspaceDelete, BuiltinRole::Owner),
    ];
    for (perm, lowest) in table {
        for role in BuiltinRole::ALL {
            assert_eq!(
                builtin_permissions(role).contains(perm),
                role >= lowest,
                "{perm} for {role:?}"
            );
        }
    }
}

#[test]
fn custom_roles_cannot_hold_owner_only_permissions() {
    let name = RoleName::parse("Member manager").unwrap();
    let ok = builtin_permissions(BuiltinRole::Viewer)
        .with(P::MembersInvite)
        .with(P::MembersRoleUpdate);
    assert!(CustomRole::new(RoleId::new("r1"), name.clone(), ok).is_ok());
    for p in OWNER_ONLY.iter() {
        assert_eq!(
            CustomRole::new(RoleId::new("r1"), name.clone(), ok.with(p)),
            Err(CustomRoleError::OwnerOnlyPermission(p))
        );
    }
    assert_eq!(
        CustomRole::new(RoleId::new("owner"), name, ok),
        Err(CustomRoleError::ReservedId)
    );
}

#[test]
fn only_the_builtin_owner_is_an_owner() {
    assert!(Role::builtin(BuiltinRole::Owner).is_owner());
    assert!(!Role::builtin(BuiltinRole::Admin).is_owner());
    let forged: Result<Role, _> =
        serde_json::from_str(r#"{"key":"custom-owner","permissions":["ownership:transfer"]}"#);
    assert!(forged.is_err());
}

#[test]
fn builtin_permissions_cannot_be_forged_through_serde() {
    let role: Role =
        serde_json::from_str(r#"{"key":"viewer","permissions":["billing:manage"]}"#).unwrap();
    assert_eq!(role, Role::builtin(BuiltinRole::Viewer));
}

#[test]
fn role_keys_use_lower_case_builtin_names_or_the_custom_id() {
    let cases = [
        ("owner", RoleKey::Builtin(BuiltinRole::Owner)),
        ("viewer", RoleKey::Builtin(BuiltinRole::Viewer)),
        ("Owner", RoleKey::Custom(RoleId::new("Owner"))),
        ("role_42", RoleKey::Custom(RoleId::new("role_42"))),
    ];
    for (s, key) in cases {
        assert_eq!(RoleKey::parse(s), key);
        assert_eq!(serde_json::to_string(&key).unwrap(), format!("\"{s}\""));
    }
}

#[test]
fn the_catalogue_resolves_known_keys_only() {
    let r = CustomRole::new(
        RoleId::new("r1"),
        RoleName::parse("Support").unwrap(),
        PermissionSet::of(&[P::MembersRead]),
    )
    .unwrap();
    let cat = RoleCatalogue::new(vec![r]);
    assert_eq!(cat.resolve_str("r1").unwrap().permissions().len(), 1);
    assert!(cat.resolve_str("r2").is_none());
    assert_eq!(cat.roles().len(), 5);
}
