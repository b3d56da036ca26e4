// Command build makes gonn's static site, dist/, from source with nothing
// but Go: the engine module, the JavaScript API, the page UIs, the pages,
// the MNIST packs, gzip copies and manifest.json (docs/dist.md).
//
// Usage, from anywhere in the module:
//
//	go run ./cmd/build [-out dir] [-force] [-skip-go] [-skip-data] [-no-cache]
//
// The package gonn/cmd/build/dist does the work.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"gonn/cmd/build/dist"
)

func main() {
	var opts dist.Options
	flag.StringVar(&opts.Out, "out", "", "output folder (default: dist in the module root)")
	flag.BoolVar(&opts.Force, "force", false, "replace -out even if it does not look like a previous build")
	flag.BoolVar(&opts.SkipGoBuilds, "skip-go", false, "skip the engine and the page UIs (the go builds)")
	flag.BoolVar(&opts.SkipData, "skip-data", false, "skip the MNIST packs")
	flag.StringVar(&opts.MNISTDir, "mnist", "", "folder of the MNIST IDX files (default: the GoMNIST module)")
	noCache := flag.Bool("no-cache", false, "compress every file, without the cache of large gzip copies")
	quiet := flag.Bool("q", false, "print only errors")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./cmd/build [flags]\n\nBuilds dist/ (see docs/dist.md).\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if !*noCache {
		opts.CacheDir = dist.DefaultCacheDir()
	}
	if !*quiet {
		opts.Log = os.Stderr
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m, err := dist.BuildContext(ctx, opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	if !*quiet {
		printManifest(m)
	}
}

// printManifest prints every file with its sizes, then the totals.
func printManifest(m *dist.Manifest) {
	fmt.Printf("%10s %10s  %s\n", "size", "gzip", "path")
	for _, f := range m.Files {
		gz := "-"
		if f.GzipSize > 0 {
			gz = fmt.Sprint(f.GzipSize)
		}
		fmt.Printf("%10d %10s  %s\n", f.Size, gz, f.Path)
	}
	fmt.Printf("%10d %10d  total of %d files\n", m.TotalSize, m.TotalGzipSize, m.TotalFiles)
}
