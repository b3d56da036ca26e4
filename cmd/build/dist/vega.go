package dist

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
)

// VegaDir is the folder of the shipped time series, the same path in the
// module and in the site: the CSV files copied from the npm package
// vega-datasets (data/vega/README.md) and their licences.
const VegaDir = "data/vega"

// VegaLicense is the site path of data/vega/LICENSE: renamed .txt so that
// servers send it as text a browser shows, not as a download.
const VegaLicense = VegaDir + "/LICENSE.txt"

// vega copies every data/vega/*.csv to the site's data/vega/, with the
// licences (VegaLicense): the data travel with their licences or not at
// all. A module without data/vega/ gets a warning and no files.
func (b *builder) vega(context.Context) error {
	dir := b.src(VegaDir)
	if !isDir(dir) {
		b.logf("warning: no %s/: the site has no time series", VegaDir)
		return nil
	}
	csvs, err := filepath.Glob(filepath.Join(dir, "*.csv")) // sorted
	if err != nil {
		return err
	}
	if len(csvs) == 0 {
		return fmt.Errorf("%s/ holds no .csv file", VegaDir)
	}
	license, err := os.ReadFile(filepath.Join(dir, "LICENSE"))
	if err != nil {
		return fmt.Errorf("%s/LICENSE: the shipped data need their licences: %w", VegaDir, err)
	}
	for _, p := range csvs {
		info, err := os.Stat(p)
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := b.write(path.Join(VegaDir, filepath.Base(p)), data); err != nil {
			return err
		}
	}
	return b.write(VegaLicense, license)
}
