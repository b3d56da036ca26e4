// Package models builds the models of the Keras examples that gonn's
// recipes, tests and pages share, so each architecture is written once.
package models
