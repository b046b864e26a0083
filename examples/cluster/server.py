# A Python HTTP server that takes its listening socket the way systemd socket activation passes it:
# fd 3, announced by LISTEN_FDS and meant for the process whose pid is LISTEN_PID. Under
# `mode: cluster` every instance gets the same socket, so all of them serve one port.
# It answers with its own pid.
import http.server
import os
import socket

SD_LISTEN_FDS_START = 3


def inherited_socket():
    if os.environ.get("LISTEN_PID") != str(os.getpid()) or int(os.environ.get("LISTEN_FDS", "0")) < 1:
        raise SystemExit("no listening socket was passed: run me under od with mode: cluster")
    return socket.socket(fileno=SD_LISTEN_FDS_START)


class AnswerPid(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = str(os.getpid()).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # one line per request would flood the logs


server = http.server.HTTPServer(("", 0), AnswerPid, bind_and_activate=False)
server.socket.close()
server.socket = inherited_socket()
server.serve_forever()
