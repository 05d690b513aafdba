// Printing and sharing the printable summary on Android. The core makes the
// PDF (A4, fonts embedded) offline; printing hands those very bytes to the
// system print service (PrintManager), and sharing writes them to the
// app's cache and offers them through a FileProvider URI, readable only by
// the app the patient picks and only for that share.
package app.painschool.app.platform

import android.content.ClipData
import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.os.CancellationSignal
import android.os.ParcelFileDescriptor
import android.print.PageRange
import android.print.PrintAttributes
import android.print.PrintDocumentAdapter
import android.print.PrintDocumentInfo
import android.print.PrintManager
import androidx.core.content.FileProvider
import java.io.File
import java.io.FileOutputStream
import java.io.IOException

/** The summary's PDF to the print and share sheets. */
object SummaryPrinting {
    /** The FileProvider authority (declared in the manifest). */
    fun authority(context: Context) = "${context.packageName}.summary"

    /** Opens the system print dialog for `pdf` (A4 by default). */
    fun print(context: Context, pdf: ByteArray, jobName: String) {
        val manager = context.getSystemService(PrintManager::class.java)
        val attributes = PrintAttributes.Builder()
            .setMediaSize(PrintAttributes.MediaSize.ISO_A4)
            .setColorMode(PrintAttributes.COLOR_MODE_COLOR)
            .build()
        manager.print(jobName, PdfBytesAdapter(pdf, jobName), attributes)
    }

    /**
     * A share intent for `pdf` (wrap it in `Intent.createChooser`). The file lives in the
     * cache's `summary/` folder, replaced at each share, and is deleted by [clear].
     */
    fun shareIntent(context: Context, pdf: ByteArray, fileName: String): Intent {
        val dir = shareDir(context).apply { mkdirs() }
        val file = File(dir, fileName)
        val tmp = File(dir, "$fileName.part")
        tmp.writeBytes(pdf)
        if (!tmp.renameTo(file)) {
            tmp.delete()
            throw IOException("the summary could not be saved for sharing")
        }
        return shareFileIntent(context, file, "application/pdf")
    }

    /**
     * The folder the summary screen's presenter writes the PDF to share in (the core
     * writes it all or nothing); the FileProvider serves it (`res/xml/summary_paths.xml`).
     */
    fun shareDir(context: Context): File = File(context.cacheDir, "summary")

    /** A share intent for `file`, a file in [shareDir] (wrap it in `Intent.createChooser`). */
    fun shareFileIntent(context: Context, file: File, mimeType: String): Intent {
        val uri = FileProvider.getUriForFile(context, authority(context), file)
        return Intent(Intent.ACTION_SEND)
            .setType(mimeType)
            .putExtra(Intent.EXTRA_STREAM, uri)
            .setClipData(ClipData.newRawUri(file.name, uri))
            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
    }

    /** Deletes shared copies (at the end of access, with the rest of the data). */
    fun clear(context: Context) {
        shareDir(context).deleteRecursively()
    }
}

/** Streams ready-made PDF bytes to the print framework. */
private class PdfBytesAdapter(private val pdf: ByteArray, private val name: String) : PrintDocumentAdapter() {
    override fun onLayout(
        oldAttributes: PrintAttributes?,
        newAttributes: PrintAttributes,
        cancellationSignal: CancellationSignal,
        callback: LayoutResultCallback,
        extras: Bundle?,
    ) {
        if (cancellationSignal.isCanceled) {
            callback.onLayoutCancelled()
            return
        }
        val info = PrintDocumentInfo.Builder("$name.pdf")
            .setContentType(PrintDocumentInfo.CONTENT_TYPE_DOCUMENT)
            .setPageCount(PrintDocumentInfo.PAGE_COUNT_UNKNOWN)
            .build()
        // The PDF is the same whatever the printer: nothing to lay out again.
        callback.onLayoutFinished(info, oldAttributes == null)
    }

    override fun onWrite(
        pages: Array<out PageRange>,
        destination: ParcelFileDescriptor,
        cancellationSignal: CancellationSignal,
        callback: WriteResultCallback,
    ) {
        try {
            FileOutputStream(destination.fileDescriptor).use { it.write(pdf) }
            if (cancellationSignal.isCanceled) callback.onWriteCancelled()
            else callback.onWriteFinished(arrayOf(PageRange.ALL_PAGES))
        } catch (e: IOException) {
            callback.onWriteFailed(e.message)
        }
    }
}
