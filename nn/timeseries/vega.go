package timeseries

import "path/filepath"

// VegaDir is the folder, relative to the root of the gonn module, that
// holds the series shipped with gonn: unmodified copies of CSV files of the
// npm package vega-datasets 3.2.1, with their licences and checksums in
// VegaDir/LICENSE and VegaDir/README.md.
const VegaDir = "data/vega"

// VegaFile is one shipped CSV file and the columns to read from it.
type VegaFile struct {
	// File is the file's name in VegaDir.
	File string
	// Config reads its time column and every numeric column.
	Config CSVConfig
	// Rows is the number of data rows the file holds.
	Rows int
}

// The shipped series. Treat them as constants: LoadVega copies nothing
// before use.
var (
	// VegaCO2 is the monthly CO2 concentration at Mauna Loa, in ppm, March
	// 1958 to April 2020, raw and seasonally adjusted (Scripps CO2 Program,
	// CC BY 4.0). Five months are absent from the record: 1958-06,
	// 1958-10, 1964-02 to 1964-04.
	VegaCO2 = VegaFile{
		File:   "co2-concentration.csv",
		Config: CSVConfig{Time: "Date", TimeLayout: "2006-01-02", Columns: []string{"CO2", "adjusted CO2"}},
		Rows:   741,
	}
	// VegaSeattleWeather is the daily weather in Seattle, 2012 to 2015:
	// precipitation (mm), maximum and minimum temperature (°C) and mean
	// wind speed, every day present (NOAA, a U.S. Government work). The
	// package's catalogue gives the wind in km/h; its values (0.4 to 9.5)
	// match NOAA's daily average wind in m/s. The categorical "weather"
	// column is not read.
	VegaSeattleWeather = VegaFile{
		File:   "seattle-weather.csv",
		Config: CSVConfig{Time: "date", TimeLayout: "2006-01-02", Columns: []string{"precipitation", "temp_max", "temp_min", "wind"}},
		Rows:   1461,
	}
	// VegaGlobalTemp is the yearly global land-ocean temperature anomaly
	// (°C), 1880 to 2023 (NASA GISTEMP, a U.S. Government work).
	VegaGlobalTemp = VegaFile{
		File:   "global-temp.csv",
		Config: CSVConfig{Time: "year", TimeLayout: "2006", Columns: []string{"temp"}},
		Rows:   144,
	}
)

// LoadVega reads one shipped series from dir, the folder holding the
// shipped files (VegaDir under the module root, or a copy of it).
func LoadVega(dir string, f VegaFile) (*Series, error) {
	return LoadFile(filepath.Join(dir, f.File), f.Config)
}
