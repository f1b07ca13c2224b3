"""Identity (định danh): province codes, the population-database client and reference server, MPI."""
