//! Writes request bodies as JSON text: a small serde `Serializer` for the
//! shapes the wire types use (objects with string keys, lists, strings,
//! whole numbers, booleans, null, unit variants), writing them as
//! serde_json does; what they never hold (fractions, bytes, variants with
//! data, non-string map keys) is refused. Building a JS object with
//! serde-wasm-bindgen for the browser to stringify cost the WASM about 2 KB
//! gzip more, in code and in the glue's imports.

use super::Error;
use serde::ser::{self, Impossible, Serialize};
use std::fmt::Write as _;

/// `value` as JSON text.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut out = Out(String::new());
    value.serialize(&mut out)?;
    Ok(out.0)
}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// The text written so far.
struct Out(String);

impl Out {
    fn string(&mut self, s: &str) {
        self.0.push('"');
        for c in s.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                '\n' => self.0.push_str("\\n"),
                '\r' => self.0.push_str("\\r"),
                '\t' => self.0.push_str("\\t"),
                '\u{8}' => self.0.push_str("\\b"),
                '\u{c}' => self.0.push_str("\\f"),
                c if c < ' ' => {
                    let _ = write!(self.0, "\\u{:04x}", u32::from(c));
                }
                c => self.0.push(c),
            }
        }
        self.0.push('"');
    }

    fn number(&mut self, n: impl std::fmt::Display) -> Result<(), Error> {
        let _ = write!(self.0, "{n}");
        Ok(())
    }

    fn open(&mut self, bracket: char) -> Result<Compound<'_>, Error> {
        self.0.push(bracket);
        Ok(Compound {
            out: self,
            first: true,
        })
    }
}

/// What the wire types never hold.
#[cold]
fn unsupported(what: &str) -> Error {
    Error(format!("{what} cannot be written as a request body"))
}

impl<'a> ser::Serializer for &'a mut Out {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.number(v)
    }
    // No wire type has a fraction; writing one would bring float formatting.
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        Err(unsupported("a number with a fraction"))
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(unsupported("a number with a fraction"))
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(unsupported("bytes"))
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        self.open('[')
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Error> {
        self.open('[')
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        self.open('[')
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        self.open('{')
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        self.open('{')
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported("an enum variant with data"))
    }
}

/// An open list or object.
struct Compound<'a> {
    out: &'a mut Out,
    first: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.out.0.push(',');
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.out)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        self.out.string(key);
        self.out.0.push(':');
        value.serialize(&mut *self.out)
    }

    fn close(self, bracket: char) -> Result<(), Error> {
        self.out.0.push(bracket);
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(']')
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(']')
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(']')
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // JSON keys are strings: a key that writes anything else is refused.
        self.comma();
        let start = self.out.0.len();
        key.serialize(&mut *self.out)?;
        if !self.out.0[start..].starts_with('"') {
            return Err(unsupported("a map key that is not a string"));
        }
        self.out.0.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.out)
    }
    fn end(self) -> Result<(), Error> {
        self.close('}')
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close('}')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use roster_api::{
        AcceptInvitationRequest, CreateInvitationsRequest, CreateWorkspaceRequest,
        DeleteWorkspaceRequest, LoginRequest, PutConfigRequest, SetLastWorkspaceRequest,
        SignupRequest, TransferOwnershipRequest, UpdateMemberRequest, UpdateWorkspaceRequest,
    };
    use serde::Deserialize;

    /// Our text equals serde_json's for a value read from `json`.
    fn same<T: Serialize + for<'de> Deserialize<'de>>(json: serde_json::Value) {
        let value: T = serde_json::from_value(json).unwrap();
        assert_eq!(
            to_string(&value).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
    }

    #[test]
    fn every_request_body_the_app_sends_is_written_as_serde_json_writes_it() {
        use serde_json::json;
        // Every escape serde_json writes, with hex letters, and text it
        // leaves as it is (DEL, U+2028, a character beyond the BMP).
        let awkward = "q\"b\\s/n\nr\rt\tb\u{8}f\u{c}u\u{1}\u{1f}\u{7f}\u{2028}é😀";
        same::<LoginRequest>(json!({"email": "ada@example.com", "password": awkward}));
        same::<SignupRequest>(
            json!({"email": "ada@example.com", "password": "pw", "name": awkward}),
        );
        same::<SetLastWorkspaceRequest>(json!({"workspace_id": "ws_1"}));
        same::<CreateWorkspaceRequest>(json!({"name": "Acme", "region": "eu-central-1"}));
        same::<TransferOwnershipRequest>(json!({"member_id": "m_1", "confirm": true}));
        same::<AcceptInvitationRequest>(json!({"token": "t"}));
        same::<DeleteWorkspaceRequest>(json!({"confirm": "Acme"}));
        same::<UpdateMemberRequest>(json!({"role": "admin", "status": "deactivated"}));
        same::<UpdateMemberRequest>(
            json!({"feature_access": ["dashboard", "ai_chat"], "resource_access": "all"}),
        );
        same::<CreateInvitationsRequest>(json!({"invites": [
            {"email": "a@b.example", "role": "viewer"},
            {"email": "c@d.example", "role": "editor", "feature_access": [], "resource_access": ["r1"]}
        ]}));
        same::<UpdateWorkspaceRequest>(
            json!({"name": "Acme", "countries": ["DE", "IN"], "logo_url": null}),
        );
        same::<PutConfigRequest>(json!({"value": "x"}));
    }

    #[test]
    fn lists_maps_numbers_and_nothing_are_written_as_serde_json_writes_them() {
        let mut map = std::collections::BTreeMap::new();
        map.insert("b", vec![Some(1u32), None]);
        map.insert("a", vec![]);
        let value = (map, -7i64, u64::MAX, 'x', true, ());
        assert_eq!(
            to_string(&value).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
    }

    #[test]
    fn what_the_wire_types_never_hold_is_refused() {
        assert!(to_string(&1.5f64).is_err());
        let mut map = std::collections::BTreeMap::new();
        map.insert(1u8, 2u8);
        assert!(to_string(&map).is_err());
    }
}
