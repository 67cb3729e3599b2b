"""A stdlib web app that answers with the local greeting package."""

import json
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

from greeting import hello


def body():
    return json.dumps(hello("e2e")).encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        data = body()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    print(f"listening on {port}")
    HTTPServer(("", port), Handler).serve_forever()
