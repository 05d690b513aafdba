// The app's HTTP client across the FFI: what the core sends through it, and
// what becomes of each way a client can fail (it throws, it answers with an
// error status, it returns garbage). Then the Android app's own client
// (android/…/UrlConnectionHttpClient.kt) against tiny local servers:
// statuses, redirects not followed, its total timeout, a refused port.
package app.painschool.core.test

import app.painschool.client.UrlConnectionHttpClient
import app.painschool.core.*
import com.sun.net.httpserver.HttpServer
import kotlinx.coroutines.runBlocking
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.time.Duration
import java.time.Instant
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.concurrent.thread
import kotlin.test.*
import org.junit.Test

/** An HTTP client the test scripts: `answer` decides each response (or throws). */
class ScriptedHttp(@Volatile var answer: (HttpRequest) -> HttpResponse) : HttpClient {
    val requests = CopyOnWriteArrayList<HttpRequest>()
    override suspend fun send(request: HttpRequest): HttpResponse {
        requests.add(request)
        return answer(request)
    }
}

fun response(status: Int, body: String, retryAfter: String? = null) =
    HttpResponse(status.toUShort(), retryAfter, body.toByteArray())

const val CLINIC = "https://clinic.example.se/smarta"

/** What the protocol's activation answers, for a device token `tok-1`. */
val ACTIVATED = """{"device_id":"dev-1","token":"tok-1","server_time":"2026-11-03T09:00:00Z",
  "enrolment":{"start":"2026-11-02T08:00:00Z","time_zone":"Europe/Stockholm","pace":{"kind":"weekly"},
               "read_ahead":false,"manual_unlocks":[],"access_end":null},
  "unit":{"name":"Enheten","reply_time_sv":"Inom två vardagar.","reply_time_en":"Within two working days."}}"""

class HttpClientTest {
    private val clock = FixedClock(Instant.parse("2026-11-03T09:00:00Z"))

    private suspend fun course(http: HttpClient): Course =
        openCourse(Paths0.tempDir().toString(), Paths0.bundle, MemoryKeys(), clock, http)

    /** An activated course whose client then answers with `then`. */
    private suspend fun activated(then: (HttpRequest) -> HttpResponse): Pair<Course, ScriptedHttp> {
        val http = ScriptedHttp { response(200, ACTIVATED) }
        val c = course(http)
        c.activate(CLINIC, "ABCD-EFGH")
        http.answer = then
        return c to http
    }

    /** Moves the clock past any backoff, so the next sync contacts the server. */
    private fun later() { clock.instant = clock.instant.plusSeconds(7200) }

    @Test
    fun theCoreSendsTheProtocolThroughTheAppsClient(): Unit = runBlocking {
        val (c, http) = activated { response(200, """{"items":[],"cursor":0,"more":false,"server_time":"2026-11-03T09:00:00Z"}""") }
        val activate = http.requests.single()
        assertEquals(HttpMethod.POST, activate.method)
        assertEquals("$CLINIC/api/v1/activate", activate.url)
        assertEquals("application/json", activate.headers["Content-Type"])
        assertNull(activate.headers["Authorization"], "no token before activation")
        // The code, and the attempt id its retries reuse (32 hex digits).
        val body = String(activate.body!!)
        assertTrue(Regex("""\{"code":"ABCD-EFGH","attempt":"[0-9a-f]{32}"\}""").matches(body), body)
        assertEquals(Duration.ofSeconds(60), activate.timeout)
        assertEquals("Inom två vardagar.", c.compose(MessageThread.CLINICIAN).replyTime)

        c.sendMessage(MessageThread.TEAM, "Hej från klienten")
        http.answer = { r ->
            if (r.method == HttpMethod.POST) {
                val id = Regex(""""id":"([^"]+)"""").find(String(r.body!!))!!.groupValues[1]
                response(200, """{"results":[{"status":"accepted","id":"$id"}],"server_time":"2026-11-03T09:00:00Z"}""")
            } else {
                response(200, """{"items":[],"cursor":0,"more":false,"server_time":"2026-11-03T09:00:00Z"}""")
            }
        }
        val report = c.syncNow()
        assertEquals(1u, report.sent)
        val (push, pull) = http.requests.drop(1)
        assertEquals("$CLINIC/api/v1/changes", push.url)
        assertEquals("Bearer tok-1", push.headers["Authorization"])
        assertTrue(String(push.body!!).contains("Hej från klienten"))
        assertEquals(HttpMethod.GET, pull.method)
        assertEquals("$CLINIC/api/v1/changes?after=0&limit=500", pull.url)
        assertEquals("Bearer tok-1", pull.headers["Authorization"])
        assertNull(pull.body)
        assertEquals(MessageStatus.SENT, c.messages(MessageThread.TEAM).single().status)
    }

    @Test
    fun aClientThatThrowsMakesSyncOfflineNeverACrash(): Unit = runBlocking {
        val thrown = listOf<Exception>(
            HttpException.Unreachable(), HttpException.TimedOut(), HttpException.Tls(), HttpException.Failed(),
            IllegalStateException("a bug in the app's client"), java.io.IOException("reset"),
        )
        for (e in thrown) {
            val c = course(ScriptedHttp { throw e })
            assertFailsWith<SyncException.Offline>("$e") { c.activate(CLINIC, "ABCD-EFGH") }
        }
        val (c, _) = activated { throw IllegalArgumentException("unexpected") }
        val states = SyncStates()
        c.subscribeSyncState(states).use {
            assertFailsWith<SyncException.Offline> { c.syncNow() }
            val offline = states.until { it.activity is SyncActivity.Offline }
            assertNotNull(offline.retryAt, "sync tries again later")
        }
        c.submitAnswer("m1-reflection-learned", null, AnswerValue.Text("kvar"))
        assertEquals(1, c.answerHistory("m1-reflection-learned", null).size, "nothing is lost")
    }

    @Test
    fun errorStatusesWithRetryAfterBecomeTheRightErrors(): Unit = runBlocking {
        val busy = course(ScriptedHttp {
            response(429, """{"error":"too_many_attempts","message":"wait"}""", retryAfter = "30")
        })
        val tooMany = assertFailsWith<SyncException.TooManyAttempts> { busy.activate(CLINIC, "ABCD-EFGH") }
        assertEquals(30uL, tooMany.retryAfterSeconds)

        val (c, http) = activated { response(500, """{"error":"internal","message":"oops"}""", retryAfter = " 120 ") }
        val states = SyncStates()
        c.subscribeSyncState(states).use {
            val down = assertFailsWith<SyncException.ServerUnavailable> { c.syncNow() }
            assertEquals(120uL, down.retryAfterSeconds)
            val state = states.until { it.activity is SyncActivity.Error }
            assertEquals(SyncErrorReason.SERVER_UNAVAILABLE, (state.activity as SyncActivity.Error).reason)
            assertTrue(state.retryAt!! >= clock.instant.plusSeconds(120), "Retry-After is honoured: ${state.retryAt}")
            val asked = http.requests.size
            assertNotNull(c.syncNow().deferredUntil, "no request before the retry is due")
            assertEquals(asked, http.requests.size)
        }
        later()
        http.answer = { response(429, "", retryAfter = "7") }
        assertEquals(7uL, assertFailsWith<SyncException.ServerUnavailable> { c.syncNow() }.retryAfterSeconds)
        later()
        http.answer = { response(401, """{"error":"device_revoked","message":"lost phone"}""") }
        assertFailsWith<SyncException.DeviceRevoked> { c.syncNow() }
    }

    @Test
    fun garbageFromTheClientIsABadResponse(): Unit = runBlocking {
        val garbage = listOf(
            response(200, "<html>captive portal</html>"),
            response(200, """{"items":"not a list"}"""),
            response(200, ""),
            response(0, """{"items":[],"cursor":0,"more":false,"server_time":"2026-11-03T09:00:00Z"}"""),
        )
        for (g in garbage) {
            val (c, _) = activated { g }
            val states = SyncStates()
            c.subscribeSyncState(states).use {
                assertFailsWith<SyncException.ServerException>("status ${g.status}") { c.syncNow() }
                val state = states.until { it.activity is SyncActivity.Error }
                assertEquals(SyncErrorReason.BAD_RESPONSE, (state.activity as SyncActivity.Error).reason)
            }
        }
        val c = course(ScriptedHttp { response(200, "{}") })
        assertFailsWith<SyncException.ServerException> { c.activate(CLINIC, "ABCD-EFGH") }
        assertFailsWith<SyncException.NotActivated> { c.syncNow() }
    }

    // The Android app's client on its own, against local servers.

    private fun get(url: String, timeout: Duration = Duration.ofSeconds(10)) =
        HttpRequest(HttpMethod.GET, url, mapOf("Authorization" to "Bearer t"), null, timeout)

    @Test
    fun theAndroidClientReturnsStatusesAndDoesNotFollowRedirects(): Unit = runBlocking {
        val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        val seen = CopyOnWriteArrayList<String>()
        server.createContext("/") { ex ->
            seen.add("${ex.requestMethod} ${ex.requestURI} ${ex.requestHeaders.getFirst("Authorization")} " +
                String(ex.requestBody.readAllBytes()))
            val (status, body) = when (ex.requestURI.path) {
                "/busy" -> { ex.responseHeaders.add("Retry-After", "42"); 503 to """{"error":"storage_unavailable"}""" }
                "/moved" -> { ex.responseHeaders.add("Location", "http://127.0.0.1:1/elsewhere"); 302 to "" }
                else -> 200 to """{"ok":true}"""
            }
            val bytes = body.toByteArray()
            ex.sendResponseHeaders(status, if (bytes.isEmpty()) -1 else bytes.size.toLong())
            ex.responseBody.use { it.write(bytes) }
        }
        server.start()
        try {
            val base = "http://127.0.0.1:${server.address.port}"
            val client = UrlConnectionHttpClient()
            val ok = client.send(HttpRequest(HttpMethod.POST, "$base/api", mapOf("Authorization" to "Bearer t",
                "Content-Type" to "application/json"), """{"code":"X"}""".toByteArray(), Duration.ofSeconds(10)))
            assertEquals(200, ok.status.toInt())
            assertEquals("""{"ok":true}""", String(ok.body))
            assertEquals("POST /api Bearer t {\"code\":\"X\"}", seen.last())
            val busy = client.send(get("$base/busy"))
            assertEquals(503, busy.status.toInt())
            assertEquals("42", busy.retryAfter)
            assertEquals("""{"error":"storage_unavailable"}""", String(busy.body))
            val moved = client.send(get("$base/moved"))
            assertEquals(302, moved.status.toInt(), "the redirect comes back to the core")
            assertEquals(3, seen.size, "and is not followed")
        } finally {
            server.stop(0)
        }
    }

    @Test
    fun theAndroidClientKeepsItsTotalTimeoutAndTypesFailures(): Unit = runBlocking {
        // A server that accepts and then sends one byte a second, for ever.
        val listener = ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))
        val trickle = thread(isDaemon = true) {
            val held = mutableListOf<Socket>()
            try {
                while (true) {
                    val s = listener.accept()
                    held.add(s)
                    thread(isDaemon = true) {
                        runCatching {
                            s.getOutputStream().write("HTTP/1.1 200 OK\r\n".toByteArray())
                            while (true) { s.getOutputStream().write(' '.code); Thread.sleep(200) }
                        }
                    }
                }
            } catch (_: Exception) {
                held.forEach { runCatching { it.close() } }
            }
        }
        try {
            val client = UrlConnectionHttpClient()
            val started = System.nanoTime()
            assertFailsWith<HttpException.TimedOut> {
                client.send(get("http://127.0.0.1:${listener.localPort}/", Duration.ofMillis(700)))
            }
            val took = Duration.ofNanos(System.nanoTime() - started)
            assertTrue(took < Duration.ofSeconds(5), "the whole exchange is bounded, not each read: $took")
        } finally {
            listener.close()
            trickle.join(2000)
        }
        val closed = ServerSocket(0).use { it.localPort }
        assertFailsWith<HttpException.Unreachable> { UrlConnectionHttpClient().send(get("http://127.0.0.1:$closed/")) }
        assertFailsWith<HttpException.Failed> { UrlConnectionHttpClient().send(get("not a url")) }
    }
}
