"""The monthly return form: its layout, writer and reader, the long-format table, the import of
submitted files and the annotated copy of a rejected one."""
