//! A struct read from a JSON object field by field, in declaration order
//! (serde's sequence form of a struct): see `Value::deserialize_struct`.

use super::{Error, Value};
use js_sys::Reflect;
use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};
use wasm_bindgen::JsValue;

/// A struct's fields, in declaration order, from a JSON object. An absent
/// field reads as `None` where it is optional (as serde_json reads it);
/// otherwise its turn ends empty, as a short sequence would, and serde takes
/// the field's `#[serde(default)]` or fails the struct, which then names
/// the field.
pub(super) struct Fields {
    object: JsValue,
    fields: &'static [&'static str],
    next: usize,
    /// The field just found absent and not optional.
    missing: Option<&'static str>,
}

impl Fields {
    /// The `fields` of a struct, to be read from `object`.
    pub(super) fn new(object: JsValue, fields: &'static [&'static str]) -> Self {
        Self {
            object,
            fields,
            next: 0,
            missing: None,
        }
    }

    /// What failed the struct once serde is done with it (`error`, its own
    /// failure): a missing field by name, or names left unread, as a
    /// struct with field aliases leaves them (serde lists aliases among the
    /// names, so they would not line up). `None` when it was read whole.
    /// Not inlined: every wire type's reader calls it.
    #[inline(never)]
    pub(super) fn fault(&self, error: Option<&Error>) -> Option<Error> {
        match (error, self.missing) {
            (Some(_), Some(name)) => Some(Error(format!("missing field `{name}`"))),
            (Some(e), None) => Some(e.clone()),
            (None, _) if self.next < self.fields.len() => {
                Some(Error("a struct with field aliases".to_owned()))
            }
            (None, _) => None,
        }
    }

    /// The next field's value: `None` past the last field, `Some(None)`
    /// when absent. Not inlined: serde's derive reads every field through
    /// it, and the lookup would otherwise be copied into each.
    #[inline(never)]
    fn next_value(&mut self) -> Option<Option<JsValue>> {
        let &name = self.fields.get(self.next)?;
        self.next += 1;
        self.missing = None;
        let value = Reflect::get(&self.object, &JsValue::from_str(name)).unwrap_or_default();
        Some((!value.is_undefined()).then_some(value))
    }

    /// Marks the field just read as missing (absent and not optional).
    #[inline(never)]
    fn mark_missing(&mut self) {
        self.missing = self
            .next
            .checked_sub(1)
            .and_then(|i| self.fields.get(i).copied());
    }
}

impl<'de> SeqAccess<'de> for Fields {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.next_value() {
            None => Ok(None),
            Some(Some(value)) => seed.deserialize(Value(value)).map(Some),
            Some(None) => match seed.deserialize(Absent) {
                Ok(none) => Ok(Some(none)),
                Err(_) => {
                    self.mark_missing();
                    Ok(None)
                }
            },
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.fields.len() - self.next)
    }
}

/// An absent field: `None` to an option, and an error to anything else.
struct Absent;

impl<'de> de::Deserializer<'de> for Absent {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(Error(String::new()))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
