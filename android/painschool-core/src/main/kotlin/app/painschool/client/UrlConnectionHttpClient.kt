// The Android app's HTTP client for sync: the platform's own stack
// (HttpURLConnection, which Android backs with OkHttp), so TLS, the system
// trust store, proxies and the OS network policy are Android's (ADR 0009).
// Plain Kotlin without Android APIs: CI compiles it on the JVM and the
// binding tests sync through this very file against a real server.
package app.painschool.client

import app.painschool.core.HttpClient
import app.painschool.core.HttpException
import app.painschool.core.HttpMethod
import app.painschool.core.HttpRequest
import app.painschool.core.HttpResponse
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeout
import java.io.IOException
import java.io.InputStream
import java.net.HttpURLConnection
import java.net.SocketTimeoutException
import java.net.URI
import javax.net.ssl.SSLException

/**
 * Sends the core's sync requests with [HttpURLConnection]. It follows the
 * contract of [HttpClient]:
 * - the request goes out as given (the core chose the URL: `https://`, or
 *   loopback `http://` in development) and redirects are **not** followed;
 * - the whole exchange is limited to `request.timeout`: a watchdog
 *   disconnects the connection when it passes (a read timeout alone would
 *   not stop a server that trickles bytes) and [HttpException.TimedOut] is
 *   thrown; the same disconnect runs when the core cancels the call;
 * - every status comes back as a response, error statuses too;
 * - failures are typed: [HttpException.TimedOut], [HttpException.Tls]
 *   (certificate or handshake), [HttpException.Unreachable] (any other
 *   I/O failure), [HttpException.Failed] (anything else);
 * - nothing is logged (the token and the body are secrets).
 *
 * Needs the `INTERNET` permission (declared in this module's manifest).
 *
 * @param connectTimeoutMillis the most a connection may take, within the
 *   request's own timeout.
 */
class UrlConnectionHttpClient(private val connectTimeoutMillis: Int = 10_000) : HttpClient {

    override suspend fun send(request: HttpRequest): HttpResponse {
        val totalMillis = request.timeout.toMillis().coerceIn(1, Int.MAX_VALUE.toLong())
        val connection = try {
            URI(request.url).toURL().openConnection() as HttpURLConnection
        } catch (e: Exception) {
            throw HttpException.Failed()
        }
        return coroutineScope {
            // The blocking exchange on the I/O pool; its outcome (never an
            // exception) is awaited with the deadline.
            val work = async(Dispatchers.IO) {
                runCatching { exchange(connection, request, totalMillis.toInt()) }
            }
            val outcome = try {
                withTimeout(totalMillis) { work.await() }
            } catch (e: CancellationException) {
                // The deadline passed, or the core dropped the call: closing
                // the connection makes a blocked read or write fail at once
                // (a connect in progress ends at its own timeout).
                connection.disconnect()
                if (e is TimeoutCancellationException) throw HttpException.TimedOut()
                throw e
            }
            outcome.getOrElse {
                connection.disconnect()
                throw typed(it)
            }
        }
    }

    private fun exchange(c: HttpURLConnection, request: HttpRequest, totalMillis: Int): HttpResponse {
        c.requestMethod = when (request.method) {
            HttpMethod.GET -> "GET"
            HttpMethod.POST -> "POST"
        }
        c.instanceFollowRedirects = false
        c.useCaches = false
        c.connectTimeout = minOf(connectTimeoutMillis, totalMillis)
        c.readTimeout = totalMillis
        for ((name, value) in request.headers) c.setRequestProperty(name, value)
        val body = request.body
        if (body != null) {
            // Not streamed (setFixedLengthStreamingMode): in streaming mode
            // the JDK's connection drops the body of a 401, and the core
            // needs its error code (`invalid_code`, `device_revoked`, …).
            // A body is at most a batch of 500 changes (1 MiB).
            c.doOutput = true
            c.outputStream.use { it.write(body) }
        }
        val status = c.responseCode // -1 when the answer is not HTTP: the core rejects it
        val stream: InputStream? = if (status >= 400) c.errorStream else c.inputStream
        val bytes = stream?.use { it.readBytes() } ?: ByteArray(0)
        return HttpResponse(
            status = status.coerceIn(0, 65_535).toUShort(),
            retryAfter = c.getHeaderField("Retry-After"),
            body = bytes,
        )
    }

    private fun typed(e: Throwable): HttpException = when (e) {
        is HttpException -> e
        is SocketTimeoutException -> HttpException.TimedOut()
        is SSLException -> HttpException.Tls()
        is IOException -> HttpException.Unreachable()
        else -> HttpException.Failed()
    }
}
