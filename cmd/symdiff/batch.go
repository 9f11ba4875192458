package main

var batchFlags = []flagSpec{}

func runBatch(c *cli, a args) error { return nil }
