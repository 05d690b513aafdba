// The app's Material 3 theme: the colour schemes built from Palette's
// checked ARGB values (light and dark follow the system), and the text size:
// the system's font scale times the patient's own setting (fontScale in
// TextScale.kt), applied to LocalDensity so every sp in the app follows.
package app.painschool.app.ui

import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.ColorScheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.unit.Density
import app.painschool.app.fontScale
import app.painschool.core.TextSize

/**
 * The Material colour scheme for `p`: Material's light or dark scheme with every role
 * the app uses replaced by the palette's (the surface containers too, so no default
 * tint shows through).
 */
fun colorScheme(p: Palette, dark: Boolean): ColorScheme {
    val c = { argb: Long -> Color(argb) }
    return (if (dark) darkColorScheme() else lightColorScheme()).copy(
        primary = c(p.primary), onPrimary = c(p.onPrimary), surfaceTint = c(p.primary),
        primaryContainer = c(p.primaryContainer), onPrimaryContainer = c(p.onPrimaryContainer),
        secondary = c(p.secondary), onSecondary = c(p.onSecondary),
        secondaryContainer = c(p.secondaryContainer), onSecondaryContainer = c(p.onSecondaryContainer),
        background = c(p.background), onBackground = c(p.onBackground),
        surface = c(p.surface), onSurface = c(p.onSurface),
        surfaceVariant = c(p.surfaceVariant), onSurfaceVariant = c(p.onSurfaceVariant),
        surfaceContainerLowest = c(p.surface), surfaceContainerLow = c(p.surfaceContainer),
        surfaceContainer = c(p.surfaceContainer), surfaceContainerHigh = c(p.surfaceContainerHigh),
        surfaceContainerHighest = c(p.surfaceContainerHigh),
        outline = c(p.outline), outlineVariant = c(p.outline),
        error = c(p.error), onError = c(p.onError),
        errorContainer = c(p.errorContainer), onErrorContainer = c(p.onErrorContainer),
    )
}

/**
 * The theme around every screen. `textSize` is the patient's setting (the core's
 * preference); the system's font scale is multiplied by it (up to 200 %, or the
 * system's own if larger).
 */
@Composable
fun PainSchoolTheme(textSize: TextSize, content: @Composable () -> Unit) {
    val dark = isSystemInDarkTheme()
    val scheme = colorScheme(if (dark) Palette.Dark else Palette.Light, dark)
    val system = LocalDensity.current
    val scaled = Density(system.density, fontScale(system.fontScale, textSize))
    CompositionLocalProvider(LocalDensity provides scaled) {
        MaterialTheme(colorScheme = scheme, content = content)
    }
}
