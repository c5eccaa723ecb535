package io.lotse.server.web;

import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; the form posts to Spring Security, which checks the admin token. */
@Controller
class SignInController {

    @GetMapping("/login")
    String signIn(@Nullable Principal signedIn) {
        return signedIn == null ? "login" : "redirect:/";
    }
}
