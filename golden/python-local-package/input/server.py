from http.server import HTTPServer, BaseHTTPRequestHandler
HTTPServer(('', 8080), BaseHTTPRequestHandler).serve_forever()
