package timeseries_test

import (
	"fmt"
	"path/filepath"

	"gonn/nn/timeseries"
)

// Monthly CO2 at Mauna Loa: a year of both columns in, next month's CO2
// out, and the last-value baseline a model has to beat.
func ExamplePrepare() {
	dir := filepath.Join("..", "..", timeseries.VegaDir) // from this package's folder
	s, err := timeseries.LoadVega(dir, timeseries.VegaCO2)
	if err != nil {
		panic(err)
	}
	cfg := timeseries.DefaultConfig() // 70/20/10 split, standard scaling
	cfg.Window, cfg.Horizon, cfg.Target = 12, 1, s.Index("CO2")
	d, err := timeseries.Prepare(s, cfg)
	if err != nil {
		panic(err)
	}
	fmt.Println("rows", s.Len(), "from", s.Times[0].Format("2006-01"), "to", s.Times[s.Len()-1].Format("2006-01"))
	fmt.Println("train", d.TrainX.Shape, d.TrainY.Shape)
	fmt.Println("val", d.ValX.Shape, "test", d.TestX.Shape)

	naive := timeseries.NaiveForecast(d.TestX, cfg.Target, cfg.Horizon)
	mae := timeseries.MAE(d.TestY, naive) * float64(d.Scaler.Scale[cfg.Target])
	fmt.Printf("last-value baseline, test MAE: %.2f ppm\n", mae)
	// Output:
	// rows 741 from 1958-03 to 2020-04
	// train [507 12 2] [507 1]
	// val [136 12 2] test [62 12 2]
	// last-value baseline, test MAE: 1.29 ppm
}
