package serve

import (
	"path"
	"strings"
)

// contentTypes maps extensions to the Content-Type sent: fixed here rather
// than read from the system's tables, so the server behaves the same on
// every machine (browsers refuse to stream-compile wasm, or to run module
// scripts, sent with the wrong type).
var contentTypes = map[string]string{
	".wasm":  "application/wasm",
	".js":    "text/javascript",
	".mjs":   "text/javascript",
	".json":  "application/json",
	".map":   "application/json",
	".gmn":   "application/octet-stream",
	".bin":   "application/octet-stream",
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/markdown; charset=utf-8",
	".ts":    "text/plain; charset=utf-8", // .d.ts: to read, not to run
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".gz":    "application/gzip",
}

// ContentType returns the Content-Type for the file name, by its extension
// (case-insensitive), or application/octet-stream if it is unknown.
func ContentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}
