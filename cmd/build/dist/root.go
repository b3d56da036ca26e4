package dist

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gonn/nn/mnist"
)

// ModulePath is the module path Build looks for in go.mod.
const ModulePath = "gonn"

// FindRoot returns the module root: the nearest folder at or above dir
// whose go.mod declares module gonn.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	root := mnist.FindModuleRoot(dir)
	if root == "" {
		return "", fmt.Errorf("no go.mod declaring module %s at or above %s", ModulePath, dir)
	}
	return root, nil
}

// checkReplace says whether Build may delete the folder out to put the new
// site there. A missing out is fine. Some folders are never replaced, not
// even with force: file-system roots, the home folder, the module root and
// the folders above it, folders holding source (go.mod, .git, .go files).
// Otherwise out must be root/dist, hold a manifest written by Build, or be
// empty, unless force is set.
func checkReplace(root, out string, force bool) error {
	if err := neverReplace(root, out); err != nil {
		return err
	}
	info, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("output %s exists and is not a folder: remove it or choose another -out", out)
	}
	if src := findSource(out); src != "" {
		return fmt.Errorf("refusing to replace %s: it holds %s, so it is source, not a build", out, src)
	}
	if force || out == filepath.Join(root, "dist") {
		return nil
	}
	if m, err := ReadManifest(filepath.Join(out, ManifestName)); err == nil && m.Generator == Generator {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	return fmt.Errorf("refusing to replace %s: it is not %s and holds no %s written by the build (use -force to replace it anyway)",
		out, filepath.Join(root, "dist"), ManifestName)
}

// findSource returns the first file or folder under dir (relative to it)
// that marks source a build never makes: go.mod, .git or a .go file; or ""
// if there is none.
func findSource(dir string) string {
	found := ""
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if name := d.Name(); name == "go.mod" || name == ".git" || !d.IsDir() && strings.HasSuffix(name, ".go") {
			found, _ = filepath.Rel(dir, p)
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// neverReplace refuses out if it is a file-system root, the home folder,
// the module root or a folder above it, also after resolving symbolic links.
func neverReplace(root, out string) error {
	paths := []string{out}
	if real, err := filepath.EvalSymlinks(out); err == nil && real != out {
		paths = append(paths, real)
	}
	roots := []string{root}
	if real, err := filepath.EvalSymlinks(root); err == nil && real != root {
		roots = append(roots, real)
	}
	home, _ := os.UserHomeDir()
	for _, p := range paths {
		switch {
		case filepath.Dir(p) == p:
			return fmt.Errorf("refusing to replace %s: it is a file-system root", out)
		case home != "" && p == filepath.Clean(home):
			return fmt.Errorf("refusing to replace %s: it is the home folder", out)
		}
		for _, r := range roots {
			if r == p || strings.HasPrefix(r, p+string(filepath.Separator)) {
				return fmt.Errorf("refusing to replace %s: it holds the module root %s", out, root)
			}
		}
	}
	return nil
}
