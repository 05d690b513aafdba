// The few words the shell itself shows, beside the presenters' Strings: the
// back button, dialog buttons, closing the summary view, and the scanner's
// failure. Swedish first, English second, chosen by the patient's language
// like every other text; the Compose views hold no text literals.
package app.painschool.app

import app.painschool.core.Language

/** The shell's texts in one language. */
data class ShellTexts(
    /** The top bar's back button (TalkBack). */
    val back: String,
    /** Closes the summary's HTML view. */
    val close: String,
    /** Confirms a time picker. */
    val ok: String,
    /** Leaves a time picker unchanged. */
    val cancel: String,
    /** The QR scanner could not open (no Google Play services, or it failed). */
    val scannerUnavailable: String,
)

/** Swedish. */
val SwedishShell = ShellTexts(
    back = "Tillbaka",
    close = "Stäng",
    ok = "Klar",
    cancel = "Avbryt",
    scannerUnavailable = "Kameran kunde inte öppnas. Skriv in koden från brevet i stället.",
)

/** English. */
val EnglishShell = ShellTexts(
    back = "Back",
    close = "Close",
    ok = "Done",
    cancel = "Cancel",
    scannerUnavailable = "The camera could not open. Type the code from the letter instead.",
)

/** The shell's texts for `language`. */
fun shellTexts(language: Language): ShellTexts = when (language) {
    Language.SWEDISH -> SwedishShell
    Language.ENGLISH -> EnglishShell
}
