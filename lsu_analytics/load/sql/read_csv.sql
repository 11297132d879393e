read_csv(?, delim = ';', quote = '"', escape = '"', header = true, auto_detect = false,
         columns = {columns}, strict_mode = true, null_padding = false, allow_quoted_nulls = true,
         max_line_size = {max_line_size})
