"""The web app: GET / answers with a JSON greeting."""

import json
import os
from http.server import BaseHTTPRequestHandler, HTTPServer


def body():
    return json.dumps({"hello": "e2e", "from": "python-pyproject"}).encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        data = body()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    port = int(os.environ.get("PORT", "8000"))
    print(f"listening on {port}", flush=True)
    HTTPServer(("", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
