// Command devserver builds gonn's site (like go run ./cmd/build), then
// serves it on 127.0.0.1:8080 with the types and headers browsers need
// (package gonn/cmd/devserver/serve).
//
// Usage, from anywhere in the module:
//
//	go run ./cmd/devserver [-addr 127.0.0.1:8080] [-dir dist] [-no-build] [-coop] [-watch]
//
// -coop adds the headers that make pages cross-origin isolated, which
// browsers require for SharedArrayBuffer and so for threads. -watch
// rebuilds when a file under nn/, wasm/ or web/ (or go.mod, go.sum)
// changes; a failed rebuild is printed and the previous site stays served.
// Ctrl-C stops the server after the requests in flight.
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"gonn/cmd/build/dist"
	"gonn/cmd/devserver/serve"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := flag.String("dir", "", "folder to build into and serve (default: dist in the module root)")
	noBuild := flag.Bool("no-build", false, "serve -dir as it is, without building first")
	coop := flag.Bool("coop", false, "send COOP same-origin and COEP require-corp (cross-origin isolation, for threads)")
	watch := flag.Bool("watch", false, "rebuild when files under nn/, wasm/ or web/ change")
	force := flag.Bool("force", false, "let the build replace -dir even if it does not look like a previous build")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	log.SetFlags(log.Ltime)
	log.SetPrefix("devserver: ")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, config{addr: *addr, dir: *dir, build: !*noBuild, coop: *coop, watch: *watch, force: *force})
	if err != nil && !errors.Is(err, context.Canceled) {
		log.Fatal(err)
	}
}

type config struct {
	addr, dir                 string
	build, coop, watch, force bool
}

func run(ctx context.Context, c config) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	root, rootErr := dist.FindRoot(wd)
	if c.dir == "" {
		if rootErr != nil {
			return rootErr
		}
		c.dir = filepath.Join(root, "dist")
	}
	if c.dir, err = filepath.Abs(c.dir); err != nil {
		return err
	}
	opts := dist.Options{Root: root, Out: c.dir, Force: c.force, CacheDir: dist.DefaultCacheDir(), Log: os.Stderr}
	if (c.build || c.watch) && rootErr != nil {
		return rootErr
	}
	if c.build {
		if _, err := dist.BuildContext(ctx, opts); err != nil {
			return err
		}
	}

	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           serve.Handler(c.dir, serve.Options{CrossOriginIsolated: c.coop}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Printf("serving %s at http://%s/", c.dir, ln.Addr())
	if c.watch {
		go watchAndBuild(ctx, root, opts)
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Print("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// watchAndBuild rebuilds the site whenever the watched files change, until
// ctx is done.
func watchAndBuild(ctx context.Context, root string, opts dist.Options) {
	w := newWatcher(root, opts.Out)
	last := w.fingerprint()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		now := w.fingerprint()
		if now == last {
			continue
		}
		last = now
		log.Print("change seen: rebuilding")
		if _, err := dist.BuildContext(ctx, opts); err != nil {
			if ctx.Err() == nil {
				log.Printf("rebuild failed, still serving the previous site:\n%v", err)
			}
			continue
		}
		log.Print("rebuilt: reload the page")
	}
}
