//! `praktyki man`: the manual page, written from what the program is made
//! of (the command line's own description, the keymap, the search syntax),
//! so it cannot drift from the program. One page: every subcommand is a
//! section of it, and it names no page that does not exist.

use clap::{Arg, Command};

use crate::i18n::Lang;
use crate::input::Keymap;

/// Text as roff reads it: backslashes doubled, hyphens as minus signs
/// (so options can be searched and copied), a line that would start with
/// a control character guarded.
fn esc(s: &str) -> String {
    let body = s.replace('\\', "\\e").replace('-', "\\-");
    body.lines()
        .map(|l| if l.starts_with(['.', '\'']) { format!("\\&{l}") } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An argument as a tagged paragraph: its flags or name, then its help.
fn arg(out: &mut String, a: &Arg) {
    if a.is_hide_set() || a.get_id() == "help" || a.get_id() == "version" {
        return;
    }
    let value = a.get_value_names().map(|v| v.iter().map(|n| format!("<{n}>")).collect::<Vec<_>>().join(" "));
    let mut tag = Vec::new();
    if let Some(s) = a.get_short() {
        tag.push(format!("\\fB\\-{s}\\fR"));
    }
    if let Some(l) = a.get_long() {
        tag.push(format!("\\fB\\-\\-{}\\fR", esc(l)));
    }
    let mut tag = tag.join(", ");
    match (tag.is_empty(), value) {
        (true, _) => tag = format!("\\fI{}\\fR", esc(&a.get_id().to_string().to_uppercase())),
        (false, Some(v)) if a.get_action().takes_values() => tag.push_str(&format!(" \\fI{}\\fR", esc(&v))),
        _ => {}
    }
    let help = a.get_long_help().or(a.get_help()).map(ToString::to_string).unwrap_or_default();
    let values: Vec<String> =
        a.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_owned()).collect();
    out.push_str(&format!(".TP\n{tag}\n{}", esc(&help)));
    if !values.is_empty() && a.get_action().takes_values() {
        out.push_str(&format!(" (one of: {})", esc(&values.join(", "))));
    }
    out.push('\n');
}

/// The whole page, for the command line `cli`.
pub fn page(cli: &Command) -> String {
    let version = cli.get_version().unwrap_or("");
    let mut out = format!(".TH PRAKTYKI 1 \"\" \"praktyki {}\" \"User Commands\"\n", esc(version));
    // Ragged right, no hyphenation: option lists and addresses do not
    // stretch or break.
    out.push_str(".ad l\n.nh\n");
    out.push_str(".SH NAME\npraktyki \\- a terminal browser for the Baza Dobrych Praktyk (good practices in Polish local\\-government cooperation)\n");
    out.push_str(".SH SYNOPSIS\n.B praktyki\n[\\fIGLOBAL OPTIONS\\fR]\n.br\n.B praktyki\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n");
    out.push_str(&format!(".SH DESCRIPTION\n{}\n", esc(DESCRIPTION)));
    out.push_str(".SH GLOBAL OPTIONS\nThese go before or after any command.\n");
    for a in cli.get_arguments().filter(|a| a.is_global_set() || a.get_long().is_some()) {
        arg(&mut out, a);
    }
    out.push_str(".SH COMMANDS\n");
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let mut sub = sub.clone();
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        let usage = if usage.starts_with("praktyki") { usage.to_owned() } else { format!("praktyki {usage}") };
        out.push_str(&format!(".SS \"{}\"\n", esc(&usage).replace('"', "\\(dq")));
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            out.push_str(&format!("{}\n", esc(&about.to_string())));
        }
        for a in sub.get_arguments().filter(|a| !a.is_global_set()) {
            arg(&mut out, a);
        }
        if let Some(after) = sub.get_after_help() {
            out.push_str(&format!(".PP\n.nf\n{}\n.fi\n", esc(&after.to_string())));
        }
    }
    out.push_str(".SH BROWSER KEYS\nWithout a command, praktyki opens the browser. Its keys (defaults; the config file can change them, and \\fB?\\fR shows them):\n");
    let keymap = Keymap::defaults();
    let s = Lang::En.strings();
    for (mode, rows) in keymap.help_rows() {
        // No blank line between one key and the next: a list, not paragraphs.
        out.push_str(&format!(".SS \"{}\"\n.PD 0\n", esc(crate::app::help::mode_heading(mode, s))));
        for row in rows {
            let keys: Vec<String> = row.iter().map(|(k, _)| k.to_string()).collect();
            // An indent wider than any key list ("Enter  l  →"): with
            // the default one, "G  End" ran into its description.
            out.push_str(&format!(".TP 14\n\\fB{}\\fR\n{}\n", esc(&keys.join("  ")), esc(row[0].1.describe(Lang::En))));
        }
    }
    let (_, syntax) = s.search_syntax;
    out.push_str(".PD\n.SH SEARCH SYNTAX\nThe same in the browser and in \\fBsearch\\fR, \\fBshow\\fR, \\fBcontacts\\fR, \\fBmap\\fR, \\fBrelated\\fR and \\fBexport\\fR.\n");
    for (term, what) in syntax {
        out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", esc(term), esc(what)));
    }
    out.push_str(&format!(".SH ENVIRONMENT\n{}\n", ENVIRONMENT));
    out.push_str(&format!(".SH FILES\n{}\n", FILES));
    out.push_str(".SH EXIT STATUS\n.TP\n0\nFound, or done.\n.TP\n1\nNothing found (for \\fBvalidate\\fR: errors in the store).\n.TP\n2\nA store or file cannot be read or parsed, or the command line is wrong.\n");
    out.push_str(".SH EXAMPLES\n.nf\npraktyki\npraktyki search \\(aqwoj:slaskie zwiazek\\(aq\npraktyki contacts aglomeracja \\-\\-vcard > kontakty.vcf\npraktyki map \\(aqdział:ngo\\(aq\npraktyki export \\-\\-marked \\-\\-format md \\-\\-out raport.md\npraktyki sync\n.fi\n");
    out
}

const DESCRIPTION: &str = "praktyki browses the practices of the BDP: a list searched as you type (names, places, the \
words of the texts in any of their forms, typos forgiven), a detail pane with the practice's three views \
(summary and metadata, full presentation, attachments), a contact card whose fields copy to the clipboard \
(over SSH too), the map of voivodeships, related practices and export. The same searches work from the shell, \
and each command below prints plain text (or JSON) for scripts.";

const ENVIRONMENT: &str = ".TP
\\fBPRAKTYKI_STORE\\fR
The store file to use (\\fB\\-\\-store\\fR overrides it).
.TP
\\fBPRAKTYKI_DATA\\fR, \\fBPRAKTYKI_CONFIG\\fR, \\fBPRAKTYKI_CACHE\\fR
The data directory, the config file, the cache directory.
.TP
\\fBNO_COLOR\\fR, \\fBTERM\\fR
Colour is off when NO_COLOR is set (not empty) or TERM is dumb.
.TP
\\fBLC_ALL\\fR, \\fBLC_MESSAGES\\fR, \\fBLANG\\fR
The first that is set chooses the language: Polish for pl*, else English.";

const FILES: &str = ".TP
\\fI~/.config/praktyki/config.toml\\fR
Settings and key bindings (\\fBpraktyki config \\-\\-default\\fR prints a commented one).
.TP
\\fI~/.local/share/praktyki/practices.json\\fR
The user's store, written by \\fBimport\\fR and \\fBsync\\fR; \\fIbookmarks.json\\fR beside it.
.TP
\\fI~/.cache/praktyki/\\fR
The start\\-up cache of store files and the pages \\fBsync\\fR keeps.
.PP
\\fBpraktyki paths\\fR shows where each is on this system, and why.";
