package main

import (
	"errors"

	"gonn/nn/timeseries"
)

// source is one shipped series the page offers (data/vega/, copied to the
// site by the build): which column it forecasts and how far back the
// models look.
type source struct {
	Key    string // the form's value
	Vega   timeseries.VegaFile
	Column string // the column forecast, one step ahead
	Unit   string // of the column's values
	Step   string // one step: "month"
	Steps  string // steps: "months"
	Window int    // steps each example shows the models
	Layout string // time layout of the chart's labels
}

// sources are the series of the page's menu, the first the default.
var sources = []source{
	{Key: "co2", Vega: timeseries.VegaCO2, Column: "CO2", Unit: "ppm", Step: "month", Steps: "months", Window: 24, Layout: "2006"},
	{Key: "global-temp", Vega: timeseries.VegaGlobalTemp, Column: "temp", Unit: "°C", Step: "year", Steps: "years", Window: 10, Layout: "2006"},
	{Key: "seattle", Vega: timeseries.VegaSeattleWeather, Column: "temp_max", Unit: "°C", Step: "day", Steps: "days", Window: 28, Layout: "Jan 2006"},
}

// sourceByKey returns the source of a menu value.
func sourceByKey(key string) (source, error) {
	for _, s := range sources {
		if s.Key == key {
			return s, nil
		}
	}
	return source{}, errors.New("there is no series " + key)
}

// URL is the file's address in the site.
func (s source) URL() string { return "data/vega/" + s.Vega.File }

// config reads the time column and the forecast column only.
func (s source) config() timeseries.CSVConfig {
	c := s.Vega.Config
	c.Columns = []string{s.Column}
	return c
}
