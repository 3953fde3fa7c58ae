"""The monthly return form: its layout, writer, reader and the annotated copy."""
