package io.lotse.server.engage;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the errors of the engage admin APIs into problem details: an unknown id is 404, bad input 400. The
 * controllers that report a state conflict as 409 keep that handler themselves.
 */
@RestControllerAdvice(assignableTypes = {EngageApiController.class, FormsApiController.class,
        JourneyApiController.class, LifecycleApiController.class})
class EngageApiProblems {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
