"""`make bench`: measured speed of SAKIP at demo size and at province scale (issue 8).

See bench/README.md. Nothing here is imported by the product."""
