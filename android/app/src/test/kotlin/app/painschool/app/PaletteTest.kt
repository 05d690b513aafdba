// The colours (ui/Palette.kt) meet WCAG AA in light and dark: every text
// pair at least 4.5:1, every UI component at least 3:1. The contrast
// function itself is checked against known values.
package app.painschool.app

import app.painschool.app.ui.COMPONENT_CONTRAST
import app.painschool.app.ui.Palette
import app.painschool.app.ui.TEXT_CONTRAST
import app.painschool.app.ui.contrastRatio
import kotlin.test.*
import org.junit.Test

class PaletteTest {
    @Test
    fun theContrastRatioIsWcags() {
        assertEquals(21.0, contrastRatio(0xFF000000, 0xFFFFFFFF), 0.01)
        assertEquals(1.0, contrastRatio(0xFF777777, 0xFF777777), 0.0001)
        // #767676 on white is the classic 4.54:1.
        assertEquals(4.54, contrastRatio(0xFF767676, 0xFFFFFFFF), 0.01)
        assertEquals(contrastRatio(0xFF1F5C8A, 0xFFFFFFFF), contrastRatio(0xFFFFFFFF, 0xFF1F5C8A))
    }

    @Test
    fun everyTextPairIsAtLeastFourAndAHalfToOne() {
        for ((name, palette) in listOf("light" to Palette.Light, "dark" to Palette.Dark)) {
            val failing = palette.textPairs().filter { (_, fg, bg) -> contrastRatio(fg, bg) < TEXT_CONTRAST }
            assertTrue(failing.isEmpty(), "$name: " + failing.joinToString { "${it.first} ${"%.2f".format(contrastRatio(it.second, it.third))}" })
        }
    }

    @Test
    fun everyComponentIsAtLeastThreeToOne() {
        for ((name, palette) in listOf("light" to Palette.Light, "dark" to Palette.Dark)) {
            val failing = palette.componentPairs().filter { (_, fg, bg) -> contrastRatio(fg, bg) < COMPONENT_CONTRAST }
            assertTrue(failing.isEmpty(), "$name: " + failing.joinToString { it.first })
        }
    }

    @Test
    fun everyColourIsOpaque() {
        for (palette in listOf(Palette.Light, Palette.Dark)) {
            for (c in palette.textPairs().flatMap { listOf(it.second, it.third) } + palette.outline) {
                assertEquals(0xFFL, c shr 24, "%08X".format(c))
            }
        }
    }
}
