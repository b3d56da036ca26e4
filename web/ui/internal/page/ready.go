package page

import "gonn/web/ui/internal/format"

// ReadyText says that the engine of the given version is ready, where it
// runs and how long it took to load: "Engine gonn 0.1.0 ready in a Web
// Worker (loaded in 41 ms)."
func ReadyText(version string, inWorker bool, loadMs float64) string {
	where := "on this page's thread"
	if inWorker {
		where = "in a Web Worker"
	}
	return "Engine gonn " + version + " ready " + where + " (loaded in " + format.Fixed(loadMs, 0) + " ms)."
}
