//! What can be wrong with a store: the error that stops its use, and the
//! problems (errors and warnings) found in its practices, each with its place.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::FORMAT;
use crate::i18n::{Lang, io_error};

/// A store could not be used at all.
#[derive(Debug)]
pub enum LoadError {
    Read { origin: String, source: std::io::Error },
    Encoding { origin: String, line: usize, column: usize },
    Syntax { origin: String, line: usize, column: usize, message: String },
    Shape { origin: String, line: usize, column: usize, message: String },
    Format { origin: String, found: String },
    Strict { origin: String, problems: Vec<Problem> },
}

impl LoadError {
    /// What went wrong, without the file's name: for where the file is
    /// already shown (the browser's status line names the store).
    pub fn detail(&self) -> String {
        self.detail_in(Lang::En)
    }

    /// [`LoadError::detail`] in `lang`. What the JSON parser says of a
    /// syntax error is quoted as it says it.
    pub fn detail_in(&self, lang: Lang) -> String {
        let pl = lang == Lang::Pl;
        match self {
            LoadError::Read { source, .. } if pl => format!("nie można odczytać: {}", io_error(source, lang)),
            LoadError::Read { source, .. } => format!("cannot read: {source}"),
            LoadError::Encoding { line, column, .. } if pl => format!("{line}:{column}: to nie jest poprawny UTF-8"),
            LoadError::Encoding { line, column, .. } => format!("{line}:{column}: not valid UTF-8"),
            LoadError::Syntax { line, column, message, .. } if pl => {
                format!("{line}:{column}: niepoprawny JSON: {}", crate::i18n::message(message, lang))
            }
            LoadError::Syntax { line, column, message, .. } => format!("{line}:{column}: invalid JSON: {message}"),
            LoadError::Shape { line, column, message, .. } if pl => {
                format!("{line}:{column}: to nie jest baza praktyki: {}", crate::i18n::message(message, lang))
            }
            LoadError::Shape { line, column, message, .. } => {
                format!("{line}:{column}: not a praktyki store: {message}")
            }
            LoadError::Format { found, .. } if pl => {
                format!("nieobsługiwany format bazy '{found}' (ta wersja czyta '{FORMAT}')")
            }
            LoadError::Format { found, .. } => {
                format!("unsupported store format '{found}' (this version reads '{FORMAT}')")
            }
            LoadError::Strict { problems, .. } => match (problems.first(), pl) {
                (Some(first), true) => format!(
                    "praktyki niezgodne ze schematem przy --strict: {}; pierwsza: {}",
                    problems.len(),
                    crate::i18n::say_problem(first, lang)
                ),
                (Some(first), false) => {
                    format!("{} practice(s) break the schema and --strict is set; first: {first}", problems.len())
                }
                (None, _) => "--strict".to_owned(),
            },
        }
    }

    /// `file:line:column: message` in `lang` (what `Display` says in English).
    pub fn to_string_in(&self, lang: Lang) -> String {
        let located = matches!(self, LoadError::Encoding { .. } | LoadError::Syntax { .. } | LoadError::Shape { .. });
        let sep = if located { ":" } else { ": " };
        format!("{}{sep}{}", self.origin(), self.detail_in(lang))
    }

    fn origin(&self) -> &str {
        match self {
            LoadError::Read { origin, .. }
            | LoadError::Encoding { origin, .. }
            | LoadError::Syntax { origin, .. }
            | LoadError::Shape { origin, .. }
            | LoadError::Format { origin, .. }
            | LoadError::Strict { origin, .. } => origin,
        }
    }
}

impl fmt::Display for LoadError {
    /// `file:line:column: message` where there is a place, `file: message` where not.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_in(Lang::En))
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl LoadError {
    /// Every load error means the file as a whole cannot be used.
    pub fn exit_code(&self) -> u8 {
        2
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem with one practice, located in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub origin: String,
    pub line: usize,
    pub column: usize,
    /// Position of the practice in the `practices` array, from 0.
    pub index: usize,
    pub id: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}:{}: {kind}: practice #{}", self.origin, self.line, self.column, self.index)?;
        if let Some(id) = &self.id {
            write!(f, " (id '{id}')")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field '{field}'")?;
        }
        write!(f, ": {}", self.message)
    }
}
