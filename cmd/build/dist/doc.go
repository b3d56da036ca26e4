// Package dist builds gonn's static site, dist/, from source with nothing but
// Go (docs/dist.md is the layout): the engine module gonn/engine.wasm, the
// JavaScript API from wasm/js/, the page UIs ui/<page>.wasm with Go's
// wasm_exec.js, the pages from web/static/, the MNIST packs data/*.gmn, a
// gzip copy of every compressible file and manifest.json.
//
// Build (or BuildContext) does it all; Options say where the module and the
// output are and which slow steps to skip. Same source and same Go toolchain
// give the same bytes: Go builds run with -trimpath, an empty build ID and
// no VCS stamp; files are listed in sorted order; gzip copies have no name
// and no time stamp and are made at BestCompression in fixed 1 MiB chunks
// (pigz-style, so large files compress on every core and the bytes do not
// depend on the number of cores).
//
// The output folder is replaced, never patched: the site is built in a
// hidden sibling folder and swapped in at the end, so a failed or cancelled
// build leaves the previous site in place and a server can keep serving it
// meanwhile. Build replaces an existing folder only if it is the module's
// own dist/, holds a manifest.json written by Build, or is empty; Force
// lifts that rule, but never for a file-system root, the home folder, the
// module root or a folder above it, or a folder holding go.mod, .git or a
// .go file anywhere inside (a built site has none).
//
// The MNIST pack (.gmn) is the data format the browser fetches: a 16-byte
// header (magic "GMN1", then N, rows and cols as little-endian uint32), the
// N·rows·cols pixel bytes image after image, then the N label bytes. Pack
// holds one in memory; NewPack makes it from IDX files, EncodePack and
// DecodePack convert it to and from bytes, and Pack.Set turns it into an
// mnist.Set.
package dist
