import Foundation
import Testing

/// A real SMTP server on loopback (Python's aiosmtpd), started once per test process and stopped
/// when the process ends (the server exits when its standard input closes). Every message it takes
/// is stored in `folder` as N.eml, with N.json: the envelope, whether TLS and which login was used,
/// and the message as Python's email package decodes it (an independent reader of our MIME).
final class SMTPTestServer: @unchecked Sendable {
    static let user = "digest-user"
    static let password = "pa55-under-test"

    let folder: URL
    /// Ports by server: "plain", "login" (AUTH LOGIN only), "plainauth" (AUTH PLAIN only), "tls"
    /// (STARTTLS offered, login required over TLS).
    let ports: [String: Int]
    /// The self-signed certificate of the "tls" server.
    let caFile: String?
    private let process: Process
    private let input: Pipe

    /// The server, or why it could not start (aiosmtpd missing: the tests fail with that).
    static let shared: Result<SMTPTestServer, StartError> = Result { try SMTPTestServer() }
        .mapError { $0 as? StartError ?? StartError(message: "\($0)") }

    struct StartError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func start() throws -> SMTPTestServer {
        switch shared {
        case .success(let server): return server
        case .failure(let error):
            Issue.record("the loopback SMTP server did not start: \(error.message)")
            throw error
        }
    }

    private init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("server.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, folder.path]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // The first line says where it listens, or why it cannot.
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line += byte
        }
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            throw StartError(message: "python3 with aiosmtpd is needed (python3 -m pip install aiosmtpd; scripts/install-deps does it)")
        }
        if let error = object["error"] as? String { throw StartError(message: error) }
        ports = object.compactMapValues { $0 as? Int }
        caFile = object["caFile"] as? String
    }

    func url(_ server: String) -> String { "smtp://127.0.0.1:\(ports[server] ?? 0)" }

    /// The messages stored for `recipient` (by envelope), oldest first.
    func messages(to recipient: String) throws -> [ReceivedMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        return try names.sorted { Int($0.dropLast(5))! < Int($1.dropLast(5))! }.compactMap { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let mail = try ReceivedMail(json: data)
            return mail.recipients.contains(recipient) ? mail : nil
        }
    }

    static let script = #"""
# A loopback SMTP server for the mail tests (aiosmtpd). Serves four ports: "plain" (no login, no
# TLS), "login" and "plainauth" (login required, AUTH LOGIN or AUTH PLAIN only, without TLS),
# and "tls" (STARTTLS offered with a self-signed certificate, login required over TLS). Each
# message is stored as N.eml with N.json beside it: envelope, TLS, login and the message parsed
# by Python's email package. Prints the ports as one JSON line once listening; exits, removing
# its folder, when its standard input closes (the test process ended).
import json, os, shutil, socket, ssl, subprocess, sys, threading
from email import policy
from email.parser import BytesParser
try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
except ImportError as error:
    print(json.dumps({"error": "aiosmtpd is not installed (%s): run scripts/install-deps" % error}), flush=True)
    sys.exit(0)

folder = sys.argv[1]
USER, PASSWORD = b"digest-user", b"pa55-under-test"
counter = [0]
lock = threading.Lock()

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

class Handler:
    def __init__(self, name):
        self.name = name

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = BytesParser(policy=policy.default).parsebytes(raw)
        parts = []
        for part in message.walk():
            if part.is_multipart():
                continue
            parts.append({"type": part.get_content_type(), "charset": part.get_content_charset(),
                          "encoding": part.get("Content-Transfer-Encoding"), "text": part.get_content()})
        with lock:
            counter[0] += 1
            n = counter[0]
        path = os.path.join(folder, "%d.eml" % n)
        with open(path, "wb") as f:
            f.write(raw)
        record = {
            "server": self.name, "mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos,
            "tls": session.ssl is not None, "login": (session.auth_data or b"").decode() if isinstance(session.auth_data, bytes) else None,
            "mechanism": getattr(session, "mechanism_used", None),
            "headers": {k: str(v) for k, v in message.items()}, "rawHeaders": raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace"),
            "contentType": message.get_content_type(), "parts": parts,
            "longestLine": max(len(line) for line in raw.split(b"\r\n")), "raw": raw.decode("utf-8", "replace"),
        }
        with open(path[:-4] + ".json.tmp", "w") as f:
            json.dump(record, f)
        os.rename(path[:-4] + ".json.tmp", path[:-4] + ".json")
        return "250 Message accepted for delivery"

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER and auth_data.password == PASSWORD
    if ok:
        session.mechanism_used = mechanism
    return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)

ports = {}
controllers = []
def start(name, **kwargs):
    port = free_port()
    controller = Controller(Handler(name), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    controllers.append(controller)
    ports[name] = port

start("plain")
start("login", authenticator=authenticator, auth_required=True, auth_require_tls=False, auth_exclude_mechanism=["PLAIN"])
start("plainauth", authenticator=authenticator, auth_required=True, auth_require_tls=False, auth_exclude_mechanism=["LOGIN"])
cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                       "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                      capture_output=True)
if made.returncode == 0:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    start("tls", tls_context=context, authenticator=authenticator, auth_required=True)
    ports["caFile"] = cert
print(json.dumps(ports), flush=True)
sys.stdin.read()
for controller in controllers:
    controller.stop()
shutil.rmtree(folder, ignore_errors=True)
"""#
}

/// One message as the loopback server received and decoded it.
struct ReceivedMail {
    var server: String
    var recipients: [String]
    var tls: Bool
    var login: String?
    var mechanism: String?
    var headers: [String: String]
    var rawHeaders: String
    var contentType: String
    var parts: [(type: String, charset: String?, encoding: String?, text: String)]
    var longestLine: Int
    var raw: String

    init(json: Data) throws {
        let o = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        server = o["server"] as! String
        recipients = o["rcptTos"] as! [String]
        tls = o["tls"] as! Bool
        login = o["login"] as? String
        mechanism = o["mechanism"] as? String
        headers = o["headers"] as! [String: String]
        rawHeaders = o["rawHeaders"] as! String
        contentType = o["contentType"] as! String
        parts = (o["parts"] as! [[String: Any]]).map {
            ($0["type"] as! String, $0["charset"] as? String, $0["encoding"] as? String, $0["text"] as! String)
        }
        longestLine = o["longestLine"] as! Int
        raw = o["raw"] as! String
    }

    func part(_ type: String) -> String? { parts.first { $0.type == type }?.text }
}
