// Package mnistdata is MNIST for gonn's pages: the .gmn packs that the site
// builder writes (docs/dist.md) and Digitize, which turns a drawing into a
// 28×28 image the way the MNIST digits were made.
//
// The pure logic (DecodePackHeader, PixelFloats, OneHot, Digitize) builds
// and is tested natively. FetchPack, Pack.Examples and Pack.Upload (js &&
// wasm) fetch a pack and put its images in the engine through jsapi.
package mnistdata
