package org.socketboard.variable.domain;

import jakarta.persistence.Converter;
import org.socketboard.base.StringMapConverter;

/** A variable's parameter values (name → value) as one JSON text column. */
@Converter
public class ParamValuesConverter extends StringMapConverter {
}
